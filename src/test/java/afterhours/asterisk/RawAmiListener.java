package afterhours.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare AMI session that logs in and counts every event Asterisk sends it, by name, with the bytes they
 * took: what an account's filters let cross the socket, without any library in between.
 */
public final class RawAmiListener implements AutoCloseable {
    private final Socket socket;
    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread reader;

    private RawAmiListener(Socket socket) {
        this.socket = socket;
        this.reader = new Thread(this::read, "raw-ami");
        reader.setDaemon(true);
    }

    public static RawAmiListener login(int port, String user, String secret) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("Action: Login\r\nUsername: " + user + "\r\nSecret: " + secret + "\r\nEvents: on\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        RawAmiListener listener = new RawAmiListener(socket);
        listener.reader.start();
        return listener;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                bytes.addAndGet(line.length() + 2);
                if (line.startsWith("Event: ")) {
                    events.computeIfAbsent(line.substring(7).strip(), k -> new AtomicLong()).incrementAndGet();
                }
            }
        } catch (IOException closed) {
            // the session ended
        }
    }

    /** Events received so far, by name. */
    public Map<String, Long> events() {
        Map<String, Long> out = new TreeMap<>();
        events.forEach((name, n) -> out.put(name, n.get()));
        return out;
    }

    public long count(String name) {
        AtomicLong n = events.get(name);
        return n == null ? 0 : n.get();
    }

    public long total() {
        return events.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long bytes() {
        return bytes.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
