package afterhours.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver of webhooks that checks each one's signature the way the README tells a receiver to:
 * {@code t=<unix seconds>,v1=<hex>}, the HMAC-SHA256 of {@code "t.<raw body>"} with the shared secret, compared
 * in constant time; whether {@code t} is recent enough is the test's to ask ({@link Received#sentWithin}), since
 * the service under test may run on a moved clock. It can refuse the first {@code failures} requests with 503.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request: its delivery id, body, whether its signature matched, and when it arrived. */
    public record Received(String deliveryId, String event, String body, boolean signed, long nanos, String signature) {
        /** The signature's time {@code t}, or null without a well-formed signature. */
        public Instant signedAt() {
            Matcher m = SIGNED.matcher(signature == null ? "" : signature);
            return m.matches() ? Instant.ofEpochSecond(Long.parseLong(m.group(1))) : null;
        }

        /** Whether the signature's time is at most {@code tolerance} away from {@code now}: not a replay. */
        public boolean sentWithin(Duration tolerance, Instant now) {
            Instant t = signedAt();
            return t != null && Duration.between(t, now).abs().compareTo(tolerance) <= 0;
        }
    }

    private static final Pattern SIGNED = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    private final HttpServer server;
    private final String secret;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver(String secret) throws IOException {
        this(secret, 0);
    }

    /** On a given port (0: any free one), e.g. the port of a receiver that was down. */
    public WebhookReceiver(String secret, int port) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else {
                String header = exchange.getRequestHeaders().getFirst("X-Afterhours-Signature");
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Afterhours-Delivery"),
                        exchange.getRequestHeaders().getFirst("X-Afterhours-Event"), new String(body, StandardCharsets.UTF_8),
                        verify(header, body), System.nanoTime(), header));
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next {@code n} requests are answered 503. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int requests() {
        return requests.get();
    }

    private boolean verify(String header, byte[] body) {
        Matcher m = SIGNED.matcher(header == null ? "" : header);
        if (!m.matches()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((m.group(1) + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = java.util.HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, m.group(2).getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
