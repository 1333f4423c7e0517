package afterhours.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key file: the AES-256 keys that encrypt secrets stored in the database, kept outside it, so a copy of
 * the database alone (a backup, a dump) reveals none of them. The first key seals; the keys after it only
 * open what they sealed, for the moment of a rotation. The file is read again whenever it changes on disk,
 * so a running service follows a rotation made by the command line.
 *
 * <pre>
 * # comment
 * key 1f0c9a6b2e4d8a71 q2Yp...base64 of 32 bytes...=
 * </pre>
 *
 * A key's id is derived from the key (an HMAC of a fixed text), so it names the key without revealing it.
 */
public final class SecretKeys {
    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HEADER = """
            # Afterhours: the key that encrypts the webhook secrets stored in the database (AES-256-GCM).
            # Keep it apart from the database's backups, and back it up on its own: without it, the stored secrets
            # cannot be read and must be entered again. Only the first key seals; a key after it still opens what
            # it sealed (during a rotation: afterhours secret-key rotate).
            """;

    /** One key and its id. */
    public record Key(String id, SecretKey key) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private record Loaded(List<Key> keys, FileTime modified, long size) { }

    private final Path file;
    private final String header;
    private volatile Loaded loaded = new Loaded(List.of(), null, -1);

    private SecretKeys(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /** The keys in {@code file} (none while it does not exist); the file is read at first use and when it changes. */
    public static SecretKeys at(Path file) {
        return at(file, HEADER);
    }

    /** As {@link #at(Path)}, for a key of another purpose: {@code header} (comment lines) says what it is for. */
    public static SecretKeys at(Path file, String header) {
        return new SecretKeys(file.toAbsolutePath().normalize(), header);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** The key that seals, if the file has one. */
    public Optional<Key> current() {
        List<Key> keys = keys();
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    /** The key with this id, if the file has it (read again first when it seems not to: it may have been rewritten in the same instant). */
    public Optional<Key> find(String id) {
        Optional<Key> key = keys().stream().filter(k -> k.id().equals(id)).findFirst();
        if (key.isEmpty()) {
            loaded = new Loaded(List.of(), null, -1);
            key = keys().stream().filter(k -> k.id().equals(id)).findFirst();
        }
        return key;
    }

    /** Every key in the file, the sealing one first; read again when the file changed since. */
    public List<Key> keys() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Loaded l = loaded;
            if (!modified.equals(l.modified()) || size != l.size()) {
                l = new Loaded(parse(Files.readString(file, StandardCharsets.UTF_8)), modified, size);
                loaded = l;
            }
            return l.keys();
        } catch (NoSuchFileException e) {
            loaded = new Loaded(List.of(), null, -1);
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Key> parse(String text) {
        List<Key> keys = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            byte[] bytes;
            try {
                bytes = parts.length == 3 && parts[0].equals("key") ? Base64.getDecoder().decode(parts[2]) : null;
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            if (bytes == null || bytes.length != KEY_BYTES) {
                throw new IllegalStateException("the key file " + file + ", line " + (i + 1)
                        + ": expected 'key ID BASE64' with a " + KEY_BYTES + "-byte key");
            }
            Key key = of(bytes);
            if (!key.id().equals(parts[1])) {
                throw new IllegalStateException("the key file " + file + ", line " + (i + 1) + ": the key does not match its id "
                        + parts[1] + " (the file was changed by hand or damaged)");
            }
            keys.add(key);
        }
        return List.copyOf(keys);
    }

    /** A new random key. */
    public static Key generate() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return of(bytes);
    }

    private static Key of(byte[] bytes) {
        SecretKey key = new SecretKeySpec(bytes, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            String id = HexFormat.of().formatHex(mac.doFinal("afterhours key id".getBytes(StandardCharsets.UTF_8)), 0, 8);
            return new Key(id, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a new file with one new key, unless the file exists (also when another process creates it at the
     * same moment: the file appears whole or not at all). Returns whether this call created it.
     */
    public boolean createIfMissing() {
        if (exists()) {
            return false;
        }
        Path temp = writeTemp(List.of(generate()));
        try {
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException | IOException linkNotPossible) {
                if (linkNotPossible instanceof FileAlreadyExistsException) {
                    return false;
                }
                Files.move(temp, file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key file " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Replaces the file's keys with {@code keys} (the first seals), whole or not at all. */
    public void replace(List<Key> keys) {
        Path temp = writeTemp(keys);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The keys in a new file beside the key file, readable by its owner only, on the disk before it is used. */
    private Path writeTemp(List<Key> keys) {
        StringBuilder text = new StringBuilder(header);
        for (Key k : keys) {
            text.append("key ").append(k.id()).append(' ')
                    .append(Base64.getEncoder().encodeToString(k.key().getEncoded())).append('\n');
        }
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path temp;
            try {
                temp = Files.createTempFile(dir, ".secret-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                temp = Files.createTempFile(dir, ".secret-key-", ".tmp");
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            return temp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write beside the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rename itself on the disk (where the system lets a directory be synced). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every system can sync a directory; the rename is atomic either way
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temporary file, readable by the owner only
        }
    }
}
