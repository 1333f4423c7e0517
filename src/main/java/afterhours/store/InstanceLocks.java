package afterhours.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether the instance that left something behind (a claim) still runs, asked of what a process's death
 * releases at once: on PostgreSQL a session advisory lock each instance holds on a connection of its own (the
 * server drops it when that connection ends, a killed process's with it); on SQLite a lock file per instance
 * beside the database (the operating system drops its lock with the process). So a restart can take back a
 * killed process's work at once, while a live instance's is never touched.
 */
public abstract sealed class InstanceLocks implements AutoCloseable {

    /** The kind the database needs. */
    public static InstanceLocks of(Database db) {
        return db.dialect() == Dialect.POSTGRES ? new Advisory(db) : new LockFiles(db.file());
    }

    /** Marks {@code instance} as running until {@link #close()} or the process's death. */
    public abstract void hold(String instance);

    /**
     * Makes sure this instance still holds its lock, taking it again if it was lost (a PostgreSQL restart ends
     * the session that held it); returns false when it had been lost. When the database is still away the lock is
     * taken again at a later call.
     */
    public abstract boolean keep();

    /** Whether {@code instance} runs now; one that never held its lock (an older version's) does not. */
    public abstract boolean running(String instance);

    /** Lets go of this instance's lock (a clean stop). */
    @Override
    public abstract void close();

    /** A 64-bit key for the instance name. */
    static long key(String instance) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** PostgreSQL: {@code pg_advisory_lock(key)} held on a connection taken from the pool for the instance's life. */
    static final class Advisory extends InstanceLocks {
        private final Database db;
        private Connection held;
        private String instance;

        Advisory(Database db) {
            this.db = db;
        }

        @Override
        public synchronized boolean keep() {
            if (held != null) {
                try (PreparedStatement ps = held.prepareStatement("SELECT 1")) {
                    ps.executeQuery().close();
                    return true;
                } catch (SQLException | RuntimeException lost) {
                    close();
                }
            }
            try {
                hold(instance);
            } catch (StoreException stillAway) {
                // the server is still away, or the pool handed out a connection the server had ended too: the next
                // round tries again (an error here would end the worker's round, not the lock's trouble)
            }
            return false;
        }

        @Override
        public synchronized void hold(String instance) {
            this.instance = instance;
            try {
                held = db.sharedPool().getConnection();
                try (PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, key(instance));
                    ps.executeQuery().close();
                }
            } catch (SQLException e) {
                close();
                throw new StoreException("marking this instance as running failed: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean running(String instance) {
            long key = key(instance);
            return db.read("asking whether an instance runs", c -> {
                boolean free;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    ps.setLong(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        free = rs.next() && rs.getBoolean(1);
                    }
                }
                if (free) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        ps.setLong(1, key);
                        ps.executeQuery().close();
                    }
                }
                return !free;
            });
        }

        @Override
        public synchronized void close() {
            if (held != null) {
                try {
                    // back to the pool without the lock: closing the pooled connection does not end the session
                    try (PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                        ps.executeQuery().close();
                    }
                } catch (SQLException e) {
                    // a broken connection: the server dropped the lock with its session
                }
                try {
                    held.close();
                } catch (SQLException e) {
                    // the pool drops a broken connection
                }
                held = null;
            }
        }
    }

    /** SQLite: {@code <database's name>-instances/<instance>.lock}, locked by the process while it runs. */
    static final class LockFiles extends InstanceLocks {
        private final Path folder;
        private FileChannel channel;
        private FileLock lock;
        private Path file;

        LockFiles(Path database) {
            String name = database.getFileName().toString();
            // beside the database, not named after its file: nothing that copies "afterhours.db*" takes it along
            this.folder = database.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                    + "-instances");
        }

        @Override
        public boolean keep() {
            // the operating system keeps a lock for as long as the process holds its file open
            return true;
        }

        private Path fileOf(String instance) {
            return folder.resolve(instance.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        }

        @Override
        public synchronized void hold(String instance) {
            try {
                Files.createDirectories(folder);
                file = fileOf(instance);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = channel.lock();
            } catch (IOException e) {
                close();
                throw new StoreException("marking this instance as running failed: cannot lock " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean running(String instance) {
            Path other = fileOf(instance);
            if (!Files.exists(other)) {
                return false;
            }
            try (FileChannel c = FileChannel.open(other, StandardOpenOption.WRITE)) {
                FileLock free = c.tryLock();
                if (free == null) {
                    return true;
                }
                free.release();
                Files.deleteIfExists(other);
                return false;
            } catch (OverlappingFileLockException sameProcess) {
                return true;
            } catch (IOException e) {
                // cannot tell: treat it as running, so its claims run out instead of being sent twice
                return true;
            }
        }

        @Override
        public synchronized void close() {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // the lock goes with the channel anyway; a leftover file is taken for a dead instance's
            }
            lock = null;
            channel = null;
            file = null;
        }
    }
}
