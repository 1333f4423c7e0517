package afterhours.users;

/**
 * Who is calling: a user's name or a token's label, and the role it has; {@code tokenId} is the token's id, or 0
 * for a user (a token labelled like a user is not that user).
 */
public record Principal(String name, Role role, long tokenId) {
    /** A user. */
    public Principal(String name, Role role) {
        this(name, role, 0);
    }

    /** An API token. */
    public static Principal token(long id, String label, Role role) {
        return new Principal(label, role, id);
    }

    public boolean isToken() {
        return tokenId != 0;
    }
}
