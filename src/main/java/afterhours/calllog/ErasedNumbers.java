package afterhours.calllog;

import afterhours.secrets.SecretKeys;
import afterhours.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The numbers whose erasure was asked for, so that a call of one that arrives later (it was in flight, AMI was
 * down, its record waited in the PBX's spool) is erased on arrival. Each is kept as an HMAC-SHA256 of its
 * canonical form ({@link NumberPlan}) under a key kept outside the database ({@value #KEY_FILE}, beside the key
 * file of the webhook secrets): a backup or a dump alone does not tell which numbers were erased, and a guessed
 * number cannot be checked against the list without the key.
 * <p>
 * The list is kept twice: in the database ({@code erased_number}, checked in the transaction that writes calls,
 * shared by every instance on one PostgreSQL) and in the list file {@value #LIST_FILE} beside the key, which a
 * restore of an older backup does not replace: {@link #restoreFromFile} puts back what the restored database
 * lacks, and the erasures are applied again. Entries go after the call log's retention period, when no call of
 * theirs can still arrive.
 */
public final class ErasedNumbers {
    public static final String KEY_FILE = "erasure.key";
    public static final String LIST_FILE = "erased-numbers";
    /** Hashes looked up per statement (well below every database's parameter limit). */
    private static final int LOOKUP_CHUNK = 500;
    private static final String KEY_HEADER = """
            # Afterhours: the key of the erased numbers' hashes (HMAC-SHA256). Keep it apart from the database's
            # backups and back it up on its own: without it, the list of erased numbers (erased-numbers, beside it)
            # no longer recognises a number, and calls of erased numbers that arrive later are kept.
            """;
    private static final String LIST_HEADER = "# Afterhours: numbers erased on request, as HMAC-SHA256 under "
            + KEY_FILE + " (hash, then when, in ms since 1970). Applied again after a restore of an older backup.\n";

    private final SecretKeys keys;
    private final Path listFile;
    private final NumberPlan plan;
    private volatile SecretKeySpec key;

    private ErasedNumbers(SecretKeys keys, Path listFile, NumberPlan plan) {
        this.keys = keys;
        this.listFile = listFile;
        this.plan = plan;
    }

    /** The key and the list file in {@code directory} (the key file's, made at the first erasure). */
    public static ErasedNumbers in(Path directory, NumberPlan plan) {
        Path dir = directory.toAbsolutePath().normalize();
        return new ErasedNumbers(SecretKeys.at(dir.resolve(KEY_FILE), KEY_HEADER), dir.resolve(LIST_FILE), plan);
    }

    public NumberPlan plan() {
        return plan;
    }

    public Path keyFile() {
        return keys.file();
    }

    public Path listFile() {
        return listFile;
    }

    /** The number's keyed hash (the key is made on first use). */
    public String hash(CallerNumber number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(number.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key, read once (made when the file is missing: the first erasure). */
    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            keys.createIfMissing();
            SecretKeys.Key stored = keys.current().orElseThrow(() -> new IllegalStateException("the key file "
                    + keys.file() + " holds no key"));
            k = new SecretKeySpec(stored.key().getEncoded(), "HmacSHA256");
            key = k;
        }
        return k;
    }

    /** Whether the key exists: without it no number was ever put on the list (the first erasure makes it). */
    boolean hasKey() {
        return key != null || keys.exists();
    }

    /** The hash of a stored caller number, or null when it is none (withheld, a word). */
    String hashOfStored(String stored) {
        return plan.stored(stored).map(this::hash).orElse(null);
    }

    /** Of {@code hashes}, the ones on the list. */
    static Set<String> listed(Connection c, Collection<String> hashes) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(new HashSet<>(hashes));
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM erased_number WHERE hash IN ("
                    + String.join(",", chunk.stream().map(h -> "?").toList()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** Whether the number is on the list. */
    public boolean contains(Connection c, CallerNumber number) throws SQLException {
        return !listed(c, List.of(hash(number))).isEmpty();
    }

    /**
     * Puts the number on the list: first in the list file (on the disk before the database commits, so no erasure
     * the database took is missing from it), then in the caller's transaction.
     */
    public void add(Connection c, CallerNumber number, Instant at) throws SQLException {
        String hash = hash(number);
        append(hash, at);
        insert(c, hash, at);
    }

    private static void insert(Connection c, String hash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO erased_number (hash, erased_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")) {
            ps.setString(1, hash);
            ps.setLong(2, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /**
     * The entries of the list file the database lacks (it was restored from an older backup), put into it in the
     * caller's transaction; returns their hashes (the erasures to apply again).
     */
    public Set<String> restoreFromFile(Connection c) throws SQLException {
        Map<String, Instant> inFile = readFile();
        Set<String> missing = new HashSet<>(inFile.keySet());
        missing.removeAll(listed(c, inFile.keySet()));
        for (String hash : missing) {
            insert(c, hash, inFile.get(hash));
        }
        return missing;
    }

    /** How many numbers the database lists. */
    public static int count(Database db) {
        return db.read("counting erased numbers", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM erased_number")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Forgets the entries made before {@code cutoff}, in the database and in the file; returns how many went. */
    public int purgeBefore(Database db, Instant cutoff) {
        int purged = db.write("forgetting erased numbers before " + cutoff, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM erased_number WHERE erased_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
        synchronized (ErasedNumbers.class) {
            Map<String, Instant> kept = readFile();
            int before = kept.size();
            kept.values().removeIf(at -> at.isBefore(cutoff));
            if (kept.size() != before) {
                rewrite(kept);
            }
        }
        return purged;
    }

    private void append(String hash, Instant at) {
        synchronized (ErasedNumbers.class) {
            try {
                Files.createDirectories(listFile.getParent());
                boolean fresh = !Files.exists(listFile);
                try (FileChannel out = FileChannel.open(listFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    String line = (fresh ? LIST_HEADER : "") + hash + " " + at.toEpochMilli() + "\n";
                    out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the list of erased numbers " + listFile + ": " + e.getMessage(), e);
            }
        }
    }

    private void rewrite(Map<String, Instant> entries) {
        StringBuilder text = new StringBuilder(LIST_HEADER);
        entries.forEach((hash, at) -> text.append(hash).append(' ').append(at.toEpochMilli()).append('\n'));
        try {
            Path temp = Files.createTempFile(listFile.getParent(), ".erased-numbers-", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, listFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the list of erased numbers " + listFile + ": " + e.getMessage(), e);
        }
    }

    /** The file's entries (none while it does not exist); a damaged line is refused with its number. */
    private Map<String, Instant> readFile() {
        Map<String, Instant> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of erased numbers " + listFile + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !parts[1].matches("[0-9]{1,19}")) {
                throw new IllegalStateException("the list of erased numbers " + listFile + ", line " + (i + 1)
                        + ": expected a 64-digit hash and a time");
            }
            out.putIfAbsent(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])));
        }
        return out;
    }
}
