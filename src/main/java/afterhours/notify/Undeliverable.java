package afterhours.notify;

/**
 * A message that no retry can deliver while the service runs as it is (a secret it may not or cannot use, a host
 * the configuration does not allow): it is marked failed at once with this reason, instead of being tried for
 * hours. The reason is for the delivery log: it never holds a secret.
 */
public final class Undeliverable extends Exception {
    private static final long serialVersionUID = 1L;

    public Undeliverable(String reason) {
        super(reason);
    }
}
