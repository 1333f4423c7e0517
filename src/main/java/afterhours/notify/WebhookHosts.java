package afterhours.notify;

import afterhours.validation.HostPattern;
import java.util.List;

/**
 * The hosts webhooks may go to ({@code notifications.webhookHosts}), for operators who want to restrict where the
 * service sends requests: host names or IP addresses as written, or {@code *.domain} ({@link HostPattern}).
 * Checked when a recipient is added and again before every delivery, so a recipient stored before the list
 * was narrowed is never sent to. Empty: any host.
 */
public record WebhookHosts(List<String> patterns) {
    public static final WebhookHosts ANY = new WebhookHosts(List.of());

    public WebhookHosts {
        patterns = List.copyOf(patterns.stream().map(p -> HostPattern.normalise(p, "notifications.webhookHosts")).toList());
    }

    /** Whether a webhook may go to {@code host} (as a URL gives it). */
    public boolean allows(String host) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> HostPattern.matches(p, host));
    }
}
