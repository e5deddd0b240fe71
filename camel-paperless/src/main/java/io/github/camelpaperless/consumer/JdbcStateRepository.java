package io.github.camelpaperless.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link FencedStateRepository} in a database table several instances share, plain JDBC on a {@link DataSource}
 * (tested on PostgreSQL and H2; the DDL also suits MySQL/MariaDB — on other databases create the table yourself and set
 * {@code createTableIfNotExists=false}). One row per key, keys and holders up to 255 characters:
 * <pre>
 * PAPERLESS_CONSUMER_STATE(STATE_KEY varchar(255) primary key, STATE_VALUE text, FENCE_EPOCH bigint,
 *                          HOLDER_ID varchar(255), ROW_VERSION bigint, UPDATED_AT timestamp)
 * </pre>
 * {@link #takeOver} increments {@code FENCE_EPOCH} in one transaction; a fenced write is
 * {@code UPDATE … WHERE STATE_KEY = ? AND FENCE_EPOCH = ?}, atomic on every database (the row is locked by the update;
 * PostgreSQL re-reads the condition after a concurrent update under READ COMMITTED). So once an instance took a key over,
 * every write of the previous holder either happened before (and the new holder reads it) or is refused.
 * <p>
 * Each call takes a connection of its own (about five per emitted item): give it a pooled {@code DataSource}. The
 * table is created on start unless {@code createTableIfNotExists=false}. Use it as the consumers'
 * {@code stateRepository} (fenced) and as {@code uploadStateRepository} (the upload ledger, unfenced) of every instance.
 */
public class JdbcStateRepository extends ServiceSupport implements FencedStateRepository {

    /** The table's default name. */
    public static final String DEFAULT_TABLE = "PAPERLESS_CONSUMER_STATE";

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE;
    private boolean createTableIfNotExists = true;

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /** The table (letters, digits, underscores; a schema prefix with a dot). Default {@value #DEFAULT_TABLE}. */
    public void setTableName(String tableName) {
        if (tableName == null || !tableName.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("JdbcStateRepository tableName '" + tableName + "' is not a plain table "
                                               + "name: use letters, digits and underscores (schema.table allowed)");
        }
        this.tableName = tableName;
    }

    public boolean isCreateTableIfNotExists() {
        return createTableIfNotExists;
    }

    public void setCreateTableIfNotExists(boolean createTableIfNotExists) {
        this.createTableIfNotExists = createTableIfNotExists;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcStateRepository needs a dataSource: set it (e.g. the application's "
                                               + "javax.sql.DataSource bean)");
        }
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) {
                return;
            }
            if (!createTableIfNotExists) {
                throw new IllegalStateException("JdbcStateRepository: table " + tableName + " does not exist; create it "
                                                + "(see the class javadoc) or set createTableIfNotExists=true");
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + tableName + " (STATE_KEY VARCHAR(255) NOT NULL PRIMARY KEY, STATE_VALUE "
                          + textType(c) + ", FENCE_EPOCH BIGINT NOT NULL, HOLDER_ID VARCHAR(255), ROW_VERSION BIGINT NOT "
                          + "NULL, UPDATED_AT TIMESTAMP)");
                commitIfNeeded(c);
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                if (!exists(c)) { // else another instance created it meanwhile
                    throw e;
                }
            }
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT STATE_KEY FROM " + tableName + " WHERE 1 = 0").close();
            commitIfNeeded(c);
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return false;
        }
    }

    private static String textType(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "TEXT";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "LONGTEXT";
        }
        return "CLOB";
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the data source is the application's
    }

    // ---- StateRepository

    @Override
    public String getState(String key) {
        return query(key, "SELECT STATE_VALUE FROM %s WHERE STATE_KEY = ?", rs -> rs.getString(1));
    }

    /** Writes unfenced (whoever holds the key). */
    @Override
    public void setState(String key, String value) {
        inTransaction(c -> {
            if (update(c, "UPDATE %s SET STATE_VALUE = ?, ROW_VERSION = ROW_VERSION + 1, UPDATED_AT = ? WHERE STATE_KEY = ?",
                    value, now(), key) == 0) {
                insert(c, key, value, 0, null);
            }
            return null;
        });
    }

    // ---- FencedStateRepository

    /** Reads the row under a row lock ({@code SELECT … FOR UPDATE}), so that concurrent changes run one after the other. */
    @Override
    public String update(String key, java.util.function.UnaryOperator<String> change) {
        return inTransaction(c -> {
            boolean exists;
            String current;
            try (PreparedStatement ps = c.prepareStatement(sql("SELECT STATE_VALUE FROM %s WHERE STATE_KEY = ? FOR UPDATE"))) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                    current = exists ? rs.getString(1) : null;
                }
            }
            String next = change.apply(current);
            if (exists) {
                update(c, "UPDATE %s SET STATE_VALUE = ?, ROW_VERSION = ROW_VERSION + 1, UPDATED_AT = ? WHERE STATE_KEY = ?",
                        next, now(), key);
            } else {
                insert(c, key, next, 0, null); // two first writers: the second's duplicate key runs it again
            }
            return next;
        });
    }

    @Override
    public long takeOver(String key, String owner) {
        return inTransaction(c -> {
            if (update(c, "UPDATE %s SET FENCE_EPOCH = FENCE_EPOCH + 1, HOLDER_ID = ?, UPDATED_AT = ? WHERE STATE_KEY = ?",
                    owner, now(), key) == 0) {
                insert(c, key, null, 1, owner);
            }
            try (PreparedStatement ps = c.prepareStatement(sql("SELECT FENCE_EPOCH FROM %s WHERE STATE_KEY = ?"))) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public boolean setState(String key, String value, long epoch) {
        return inTransaction(c -> update(c, "UPDATE %s SET STATE_VALUE = ?, ROW_VERSION = ROW_VERSION + 1, UPDATED_AT = ? "
                                            + "WHERE STATE_KEY = ? AND FENCE_EPOCH = ?", value, now(), key, epoch) == 1);
    }

    @Override
    public Holder holder(String key) {
        Holder h = query(key, "SELECT FENCE_EPOCH, HOLDER_ID FROM %s WHERE STATE_KEY = ?",
                rs -> new Holder(rs.getLong(1), rs.getString(2)));
        return h == null ? new Holder(0, null) : h;
    }

    // ---- JDBC

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the work in one transaction; a duplicate key on insert (another instance inserted the same key between our
     * update and insert) runs it again: the row exists then.
     */
    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = connection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt < 3 && isRetryable(e)) {
                        continue;
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("JdbcStateRepository (" + tableName + "): " + e.getMessage(), e);
            }
        }
    }

    private <T> T query(String key, String sql, Row<T> row) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql(sql))) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                T out = rs.next() ? row.read(rs) : null;
                commitIfNeeded(c);
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcStateRepository (" + tableName + "): " + e.getMessage(), e);
        }
    }

    private Connection connection() throws SQLException {
        if (dataSource == null) {
            throw new IllegalStateException("JdbcStateRepository needs a dataSource");
        }
        return dataSource.getConnection();
    }

    private int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(sql))) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String key, String value, long epoch, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("INSERT INTO %s (STATE_KEY, STATE_VALUE, FENCE_EPOCH, HOLDER_ID, "
                                                           + "ROW_VERSION, UPDATED_AT) VALUES (?, ?, ?, ?, 1, ?)"))) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.setLong(3, epoch);
            ps.setString(4, owner);
            ps.setTimestamp(5, now());
            ps.executeUpdate();
        }
    }

    private String sql(String template) {
        return String.format(template, tableName);
    }

    private static Timestamp now() {
        return new Timestamp(System.currentTimeMillis());
    }

    /**
     * SQLState class 23 (integrity constraint violation: another instance inserted the key first), 40001 (serialization
     * failure) and 40P01 (deadlock, e.g. MySQL's gap locks on two first inserts): run the work again.
     */
    private static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                && (s.getSQLState().startsWith("23") || s.getSQLState().equals("40001") || s.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + tableName + "]";
    }
}
