package afterhours.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file: WAL mode (readers never wait for the writer), foreign keys on, a busy timeout so a
 * briefly locked file makes writers wait rather than fail, and the schema brought up to date on open.
 * One connection per unit of work; write work runs in an IMMEDIATE transaction.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Dialect dialect;
    private final DataSource readers;
    private final DataSource writers;
    /**
     * SQLite has one writer at a time. Left to its busy handler, a waiting writer polls with growing sleeps
     * and can lose every race to a writer that goes again at once (the retention purge's chunks); this
     * process's writers take turns first come, first served instead. Other processes still meet the busy timeout.
     */
    private final ReentrantLock writeTurn = new ReentrantLock(true);

    private Database(Path file, boolean readOnly) {
        this.file = file;
        this.dialect = Dialect.SQLITE;
        this.readers = readOnly ? readOnlySource(file) : dataSource(file, SQLiteConfig.TransactionMode.DEFERRED);
        this.writers = readOnly ? null : dataSource(file, SQLiteConfig.TransactionMode.IMMEDIATE);
    }

    private Database(DataSource pool, boolean readOnly) {
        this.file = null;
        this.dialect = Dialect.POSTGRES;
        this.readers = pool;
        this.writers = readOnly ? null : pool;
    }

    /**
     * Opens a PostgreSQL database ({@code jdbc:postgresql://HOST/DB?user=...}) through a small pool and
     * applies pending migrations. The password, if any, is best given in the URL's environment, never logged.
     */
    public static Database openUrl(String jdbcUrl) {
        Database db = new Database(pool(jdbcUrl, false), false);
        int applied = Migrations.apply(db);
        if (applied > 0) {
            log.info("Database (PostgreSQL): applied {} migration(s), schema version {}", applied, Migrations.latest());
        }
        return db;
    }

    /**
     * Opens an existing database for reading only, as the read-only commands do: nothing is created,
     * migrated, seeded or written, and a missing, empty, older or newer database is refused with what to do.
     */
    public static Database openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no database at " + file.toAbsolutePath().normalize() + " yet: start the service"
                    + " once (it creates the database and adds the configured lines), or run 'afterhours migrate'", null);
        }
        return new Database(file, true).requireCurrentSchema();
    }

    /** As {@link #openReadOnly(Path)}, for PostgreSQL. */
    public static Database openUrlReadOnly(String jdbcUrl) {
        return new Database(pool(jdbcUrl, true), true).requireCurrentSchema();
    }

    private Database requireCurrentSchema() {
        int version;
        try {
            version = read("reading the schema version", SchemaVersion::of);
        } catch (StoreException e) {
            close();
            throw e;
        }
        String problem = version == 0 ? "is empty: start the service once, or run 'afterhours migrate'"
                : version < Migrations.LATEST ? "has schema version " + version + " but this build needs "
                + Migrations.LATEST + ": start the service or run 'afterhours migrate' to upgrade it"
                : version > Migrations.LATEST ? "has schema version " + version + " but this build knows only up to "
                + Migrations.LATEST + "; use a newer Afterhours" : null;
        if (problem != null) {
            close();
            throw new StoreException("database " + describe() + " " + problem, null);
        }
        return this;
    }

    private static HikariDataSource pool(String jdbcUrl, boolean readOnly) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("unsupported database URL (only jdbc:postgresql: is supported): "
                    + jdbcUrl.replaceAll("password=[^&]*", "password=****"), null);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(readOnly ? 2 : 8);
        config.setReadOnly(readOnly);
        config.setPoolName(readOnly ? "afterhours-db-read" : "afterhours-db");
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Where migrations write. */
    DataSource writers() {
        return writers;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The PostgreSQL pool, for Quartz's clustered job store; null on SQLite. */
    public DataSource sharedPool() {
        return dialect == Dialect.POSTGRES ? writers : null;
    }

    /** Opens (creating if needed) the database file and applies pending migrations. */
    public static Database open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the database directory " + parent + ": " + e.getMessage(), e);
        }
        Database db = new Database(file, false);
        int applied = Migrations.apply(db);
        if (applied > 0) {
            log.info("Database {}: applied {} migration(s), schema version {}", file, applied, Migrations.latest());
        }
        return db;
    }

    /** The SQLite file; null on PostgreSQL. */
    public Path file() {
        return file;
    }

    /** What the database is, for messages: the SQLite file or "PostgreSQL". */
    public String describe() {
        return file != null ? file.toString() : "PostgreSQL";
    }

    /** Closes the PostgreSQL pool (SQLite opens a connection per unit of work and needs nothing). */
    public void close() {
        if (readers instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    /** Runs read-only work. */
    public <T> T read(String what, SqlWork<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** The whole numbers in the first column of a query's rows, in its order (e.g. the ids a look lists). */
    public List<Long> longs(String what, String sql, long... parameters) {
        return read(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setLong(i + 1, parameters[i]);
                }
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Runs read-only work that reads several times and needs them to agree: one read transaction, so every
     * statement sees the database as of the first (SQLite in WAL mode gives each read transaction its
     * snapshot; PostgreSQL needs repeatable read for it).
     */
    public <T> T readSnapshot(String what, SqlWork<T> work) {
        return read(what, c -> {
            if (dialect == Dialect.POSTGRES) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        });
    }

    /** Runs work in one transaction: all of it is committed, or none of it. */
    public <T> T write(String what, SqlWork<T> work) {
        if (writers == null) {
            throw new StoreException(what + ": the database was opened read-only", null);
        }
        if (dialect == Dialect.POSTGRES) {
            return writeTransaction(what, work);
        }
        try {
            if (!writeTurn.tryLock(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                // transient, as SQLite's own busy timeout is: the call writer keeps the batch and tries again
                throw new StoreException(what + " failed: the database was busy for " + BUSY_TIMEOUT_MS / 1000 + " s",
                        new SQLTimeoutException("waited " + BUSY_TIMEOUT_MS + " ms for this process's other writers"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " was interrupted while waiting for the database", e);
        }
        try {
            return writeTransaction(what, work);
        } finally {
            writeTurn.unlock();
        }
    }

    private <T> T writeTransaction(String what, SqlWork<T> work) {
        try (Connection c = writers.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads only: no journal-mode change, no file created; the connection refuses every write. */
    private static SQLiteDataSource readOnlySource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a committed row survives a crash of the process and of the machine
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(mode);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }
}
