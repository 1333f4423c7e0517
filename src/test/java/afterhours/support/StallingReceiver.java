package afterhours.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a real socket that misbehaves in one way: it never answers, sends its headers and
 * then stalls inside the body, or answers 200 with a body of a given length. It records each connection:
 * when the request came in full and when the sender gave up on it (closed the connection), and how many
 * were open at once.
 */
public final class StallingReceiver implements AutoCloseable {
    /** How the receiver answers. */
    public enum Way { NEVER_ANSWER, HEADERS_THEN_STALL, LONG_BODY }

    /** One connection: when its request was read and when the sender closed it (0 while open), in nanos. */
    public record Connection(long requestNanos, long closedNanos) {
        public long heldMillis() {
            return (closedNanos - requestNanos) / 1_000_000;
        }
    }

    private final ServerSocket server;
    private final Way way;
    private final long bodyBytes;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stalling-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Connection> closed = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    public StallingReceiver(Way way) throws IOException {
        this(way, 0);
    }

    /** @param bodyBytes for {@link Way#LONG_BODY}: the body's length, sent at once */
    public StallingReceiver(Way way, long bodyBytes) throws IOException {
        this.way = way;
        this.bodyBytes = bodyBytes;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException closing) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        long read = 0;
        try (s) {
            InputStream in = s.getInputStream();
            readRequest(in);
            requests.incrementAndGet();
            read = System.nanoTime();
            OutputStream out = s.getOutputStream();
            switch (way) {
                case NEVER_ANSWER -> { }
                case HEADERS_THEN_STALL -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nstarted"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case LONG_BODY -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[8192];
                    java.util.Arrays.fill(chunk, (byte) 'x');
                    for (long left = bodyBytes; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                    out.flush();
                }
            }
            // stalls (or, after a whole answer, waits) until the sender closes the connection
            while (in.read() >= 0) {
                // nothing more is expected on this connection
            }
        } catch (IOException e) {
            // the sender reset the connection: it gave up too
        } finally {
            if (read != 0) {
                closed.add(new Connection(read, System.nanoTime()));
            }
            open.decrementAndGet();
        }
    }

    /** Reads the request line, the headers and a body of Content-Length bytes. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            head.append((char) b);
        }
        long length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        in.readNBytes((int) length);
    }

    /** Requests read in full. */
    public int requests() {
        return requests.get();
    }

    /** Connections the sender closed, in the order it did. */
    public List<Connection> closed() {
        return List.copyOf(closed);
    }

    /** The most connections open at one time. */
    public int mostOpen() {
        return mostOpen.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }
}
