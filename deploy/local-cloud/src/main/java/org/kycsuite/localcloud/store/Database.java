package org.kycsuite.localcloud.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The bus's H2 file database under the data directory.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 write every commit to the file before the commit returns:
 * an accepted PutEvents must survive a {@code kill -9} right after the response. {@code DB_CLOSE_ON_EXIT=FALSE}
 * leaves closing to {@link #close()}, so a SIGTERM shutdown stops the dispatcher before the database.
 */
public final class Database implements AutoCloseable {

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS resource_doc (
            kind VARCHAR(32) NOT NULL,
            id VARCHAR(1024) NOT NULL,
            doc CHARACTER VARYING(1000000) NOT NULL,
            PRIMARY KEY (kind, id))""",
        """
        CREATE TABLE IF NOT EXISTS delivery (
            id BIGINT AUTO_INCREMENT PRIMARY KEY,
            rule_arn VARCHAR(1024) NOT NULL,
            target CHARACTER VARYING(1000000) NOT NULL,
            event CHARACTER VARYING(1000000) NOT NULL,
            attempts INT NOT NULL,
            ingested_at BIGINT NOT NULL,
            next_at BIGINT NOT NULL,
            last_error CHARACTER VARYING(4000))""",
        "CREATE INDEX IF NOT EXISTS delivery_next ON delivery (next_at)",
        """
        CREATE TABLE IF NOT EXISTS archived_event (
            id BIGINT AUTO_INCREMENT PRIMARY KEY,
            archive VARCHAR(256) NOT NULL,
            ingested_at BIGINT NOT NULL,
            event CHARACTER VARYING(1000000) NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS archived_event_time ON archived_event (archive, ingested_at)",
    };

    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code <dataDir>/bus.mv.db}. */
    public static Database open(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("bus")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(32);
        Database database = new Database(pool);
        database.migrate();
        return database;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Runs {@code work} in one transaction, committed when it returns normally. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void migrate() {
        inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            pool.dispose();
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
