package afterhours.notify.send;

import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.Sender;
import afterhours.notify.Undeliverable;
import afterhours.notify.WebhookHosts;
import afterhours.notify.WebhookSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the message's JSON to the recipient's URL, signed the Stripe way: {@code X-Afterhours-Signature:
 * t=<unix seconds>,v1=<hex>} is the HMAC-SHA256 of {@code "<t>.<exact body>"} with the shared secret, so a
 * receiver can refuse a request replayed later; {@code X-Afterhours-Delivery} is the delivery id (the same
 * on every retry, for de-duplication). Any 2xx answer that arrives whole, at most {@link #MAX_ANSWER} bytes
 * of body, within {@link #DEADLINE} of the start (connecting, the headers and the body together) is success;
 * redirects are not followed.
 */
public final class WebhookSender implements Sender {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The whole request: a receiver that sends its headers and then stalls the body is cut off here too. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The answer's body is read (and dropped) up to this many bytes; a longer one fails the try. */
    public static final int MAX_ANSWER = 64 * 1024;
    public static final String SIGNATURE = "X-Afterhours-Signature";
    public static final String DELIVERY = "X-Afterhours-Delivery";
    public static final String EVENT = "X-Afterhours-Event";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final WebhookSecrets secrets;
    private final WebhookHosts hosts;
    private final Clock clock;
    private final Duration deadline;

    /** @param hosts where webhooks may go, checked again before each request (a recipient may predate the list) */
    public WebhookSender(WebhookSecrets secrets, WebhookHosts hosts, Clock clock) {
        this(secrets, hosts, clock, DEADLINE);
    }

    /** ... with another whole-request deadline. */
    public WebhookSender(WebhookSecrets secrets, WebhookHosts hosts, Clock clock, Duration deadline) {
        this.secrets = secrets;
        this.hosts = hosts;
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    public void send(Recipient recipient, Outbox.Delivery delivery) throws Exception {
        URI target = URI.create(recipient.address());
        if (!hosts.allows(target.getHost())) {
            throw new Undeliverable(target.getHost() + " is not among the hosts webhooks may go to (notifications.webhookHosts)");
        }
        String secret = secrets.reveal(recipient);
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(deadline)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Afterhours")
                .header(DELIVERY, delivery.deliveryId())
                .header(EVENT, delivery.event())
                .header(SIGNATURE, signature(secret, clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status = answer(request);
        if (status / 100 != 2) {
            throw new IllegalStateException("the receiver answered HTTP " + status);
        }
    }

    /** The answer's status, once its whole body (at most {@link #MAX_ANSWER} bytes) is in, or why not within the deadline. */
    private int answer(HttpRequest request) throws Exception {
        BoundedBody body = new BoundedBody(MAX_ANSWER);
        CompletableFuture<HttpResponse<Void>> pending = http.sendAsync(request, info -> body);
        try {
            return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            throw new TimeoutException("no complete answer within " + deadline.toSeconds() + " s" + body.sofar());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            if (!pending.isDone()) {
                // closes the connection of an answer still coming (a body that stalls or never ends)
                body.cancel();
                pending.cancel(true);
            }
        }
    }

    /** The header's value: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. */
    public static String signature(String secret, Instant at, byte[] body) throws GeneralSecurityException {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + sign(secret, (t + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Hex HMAC-SHA256 of {@code parts}, one after the other, with {@code secret}. */
    static String sign(String secret, byte[]... parts) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
