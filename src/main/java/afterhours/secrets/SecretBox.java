package afterhours.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals text with the key file's sealing key and opens it again: AES-256-GCM from the JDK, a fresh random
 * 96-bit nonce each time, a 128-bit tag, and a fixed purpose as associated data (a sealed value made for
 * something else does not open here). A sealed value is text: {@code sealed:v1:KEYID:BASE64(nonce, ciphertext
 * and tag)}; the key id says which key opens it.
 */
public final class SecretBox {
    public static final String PREFIX = "sealed:v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A value that cannot be sealed or opened, with why (for the delivery log and the API, never with the value). */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String why) {
            super(why);
        }
    }

    private final SecretKeys keys;
    private final byte[] purpose;

    /** @param purpose what the values are (bound to each sealed value, e.g. {@code webhook-secret}) */
    public SecretBox(SecretKeys keys, String purpose) {
        this.keys = keys;
        this.purpose = ("afterhours:" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    public SecretKeys keys() {
        return keys;
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The id of the key that sealed {@code sealed}. */
    public static String keyId(String sealed) {
        String rest = sealed.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        return colon < 0 ? "" : rest.substring(0, colon);
    }

    /** Whether there is a key to seal with. */
    public boolean canSeal() {
        return keys.current().isPresent();
    }

    public String seal(String plain) throws Unavailable {
        return seal(plain, keys.current().orElseThrow(() -> new Unavailable("the key file " + keys.file()
                + " is missing or empty, so no secret can be stored")));
    }

    /** Seals with {@code key} (a rotation seals with the new key before the file makes it the sealing one). */
    public String seal(String plain, SecretKeys.Key key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(purpose);
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] all = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    public String open(String sealed) throws Unavailable {
        if (!isSealed(sealed)) {
            throw new Unavailable("not a sealed value");
        }
        String id = keyId(sealed);
        SecretKeys.Key key = keys.find(id).orElseThrow(() -> new Unavailable("it was encrypted with key " + id
                + ", which the key file " + keys.file() + " does not hold (restore that file, or enter the secret again)"));
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed.substring(PREFIX.length() + id.length() + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Unavailable("the stored value is damaged");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unavailable("the stored value is damaged");
        }
        try {
            Cipher c = Cipher.getInstance(CIPHER);
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(purpose);
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unavailable("the stored value does not open with key " + id + " (damaged or changed)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
