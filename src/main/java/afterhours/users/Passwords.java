package afterhours.users;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** bcrypt for passwords (slow on purpose), SHA-256 for random API tokens (already unguessable). */
public final class Passwords {
    static final int COST = 12;
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes of a password: a longer one would be cut without a word, so it is refused. */
    public static final int MAX_BYTES = 72;
    /** A generated password: 20 characters of {@link #ALPHABET}, about 100 random bits. */
    static final int GENERATED_LENGTH = 20;
    /** Letters and digits no one misreads (no 0/O, 1/l/I). */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidField("password", Rule.TOO_SHORT, Map.of("min", MIN_LENGTH,
                    "length", password == null ? 0 : password.length()), "at least " + MIN_LENGTH + " characters");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidField("password", Rule.PASSWORD_BYTES, Map.of("max", MAX_BYTES, "bytes", bytes),
                    "at most " + MAX_BYTES + " bytes in UTF-8, was " + bytes);
        }
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** A new random password, shown once to whoever asked for it. */
    public static String generate() {
        StringBuilder out = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Whether {@code password} is the one {@code hash} was made of; one longer than bcrypt reads never is. */
    public static boolean matches(String password, String hash) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES && BCrypt.verifyer().verify(password.toCharArray(), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** A new API token: 256 random bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ah_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
