package afterhours.faults;

import afterhours.support.Filler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile crowd against the admin endpoint, as a process of its own (so its own work is not counted as
 * the service's): 50 clients sending 10 MB chunked bodies, 1,000 failed logins, 5 clients sending a byte
 * every 20 ms. Runs until its standard input closes, then prints how many requests it made.
 * Arguments: the admin endpoint's port.
 */
public final class AdminFlood {
    private AdminFlood() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        ExecutorService flood = Executors.newFixedThreadPool(60);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < 50; i++) {
            flood.submit(() -> {
                while (flooding.get()) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(10L * 1024 * 1024, '0'))).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception refused) {
                        // refused mid-body: expected
                    }
                    requests.incrementAndGet();
                }
                return null;
            });
        }
        for (int i = 0; i < 5; i++) {
            flood.submit(() -> {
                for (int n = 0; n < 200 && flooding.get(); n++) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"anna\",\"password\":\"guess " + n + "\"}"))
                                .build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // refused: expected
                    }
                    requests.incrementAndGet();
                }
                return null;
            });
        }
        for (int i = 0; i < 5; i++) {
            flood.submit(() -> {
                while (flooding.get()) {
                    slowClient(port);
                    requests.incrementAndGet();
                }
                return null;
            });
        }
        System.out.println("flooding");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        flooding.set(false);
        flood.shutdownNow();
        flood.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println("requests " + requests.get());
        System.exit(0);
    }

    /** A client that sends its request a byte at a time, slower than the server waits. */
    private static void slowClient(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            byte[] request = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"
                    .getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(20);
            }
            InputStream in = s.getInputStream();
            in.read();   // the server gives up on the body: it answers or closes
        } catch (Exception e) {
            // dropped: expected
        }
    }
}
