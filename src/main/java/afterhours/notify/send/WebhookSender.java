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
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the message's JSON to the recipient's URL, signed: {@code X-Afterhours-Signature: sha256=<hex>} is
 * the HMAC-SHA256 of the exact body with the shared secret, {@code X-Afterhours-Delivery} the delivery id
 * (the same on every retry, for de-duplication). Any 2xx is success; redirects are not followed.
 */
public final class WebhookSender implements Sender {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String SIGNATURE = "X-Afterhours-Signature";
    public static final String DELIVERY = "X-Afterhours-Delivery";
    public static final String EVENT = "X-Afterhours-Event";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final WebhookSecrets secrets;
    private final WebhookHosts hosts;
    private final Clock clock;

    /** @param hosts where webhooks may go, checked again before each request (a recipient may predate the list) */
    public WebhookSender(WebhookSecrets secrets, WebhookHosts hosts, Clock clock) {
        this.secrets = secrets;
        this.hosts = hosts;
        this.clock = clock;
    }

    @Override
    public void send(Recipient recipient, Outbox.Delivery delivery) throws Exception {
        URI target = URI.create(recipient.address());
        if (!hosts.allows(target.getHost())) {
            throw new Undeliverable(target.getHost() + " is not among the hosts webhooks may go to (notifications.webhookHosts)");
        }
        String secret = secrets.reveal(recipient);
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Afterhours")
                .header(DELIVERY, delivery.deliveryId())
                .header(EVENT, delivery.event())
                .header(SIGNATURE, "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the receiver answered HTTP " + response.statusCode());
        }
    }

    /** Hex HMAC-SHA256 of {@code body} with {@code secret}. */
    public static String sign(String secret, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
