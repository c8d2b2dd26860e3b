package com.userautomations.common;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The classifier of 503s, on failures the drivers and the pool really throw where we can make them. */
class TransientFailuresTest {
    static final String PG_URL = System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/automations_test");
    static final String PG_USER = System.getenv().getOrDefault("TEST_DATABASE_USER", "automations");
    static final String PG_PASSWORD = System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", "automations");

    @Test
    void anH2LockTimeoutIsTransientAndComesAfterTheConfiguredWait() throws Exception {
        String url = "jdbc:h2:mem:locks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        try (Connection holder = DriverManager.getConnection(url, "sa", "");
             Connection waiter = DriverManager.getConnection(url, "sa", "")) {
            holder.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            holder.createStatement().execute("INSERT INTO t VALUES (1, 0)");
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT * FROM t WHERE id = 1 FOR UPDATE").close();
            // the statement application.properties runs on every new connection
            waiter.createStatement().execute(newConnectionSql());
            waiter.setAutoCommit(false);
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> waiter.createStatement().executeUpdate("UPDATE t SET v = 1 WHERE id = 1"));
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(failure).isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure).getSQLState()).isEqualTo("HYT00");
            assertThat(waited).isBetween(1500L, 5000L);
            assertThat(TransientFailures.isTransient(wrapped(failure))).isTrue();
            holder.rollback();
        }
    }

    @Test
    void aClosedH2DatabaseIsTransient() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:closing", "sa", "");
        c.createStatement().execute("SHUTDOWN");
        Throwable failure = catchThrowable(() -> c.createStatement().execute("SELECT 1"));
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(TransientFailures.isTransient(wrapped(failure))).isTrue();
    }

    @Test
    void aPostgresqlConnectionTerminatedByTheServerIsTransient() throws Exception {
        try (Connection victim = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Connection killer = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            var rs = victim.createStatement().executeQuery("SELECT pg_backend_pid()");
            rs.next();
            int pid = rs.getInt(1);
            killer.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
            Thread.sleep(200);
            Throwable first = catchThrowable(() -> victim.createStatement().execute("SELECT 1"));
            Throwable second = catchThrowable(() -> victim.createStatement().execute("SELECT 1"));
            // the first says why (57P01), the next that the connection is gone (08003)
            assertThat(TransientFailures.isTransient(wrapped(first))).as(String.valueOf(first)).isTrue();
            assertThat(TransientFailures.isTransient(wrapped(second))).as(String.valueOf(second)).isTrue();
        }
    }

    @Test
    void aPostgresqlLockTimeoutIsTransient() throws Exception {
        try (Connection holder = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Connection waiter = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("CREATE TEMP TABLE IF NOT EXISTS probe (id INT)");
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(424242)");
            waiter.createStatement().execute("SET LOCK_TIMEOUT = 300");
            Throwable failure = catchThrowable(() -> waiter.createStatement().execute("SELECT pg_advisory_lock(424242)"));
            assertThat(((SQLException) failure).getSQLState()).isEqualTo("55P03");
            assertThat(TransientFailures.isTransient(wrapped(failure))).isTrue();
            holder.rollback();
        }
    }

    @Test
    void nothingListensOnThePort() {
        Throwable failure = catchThrowable(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/x", "a", "b"));
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void noConnectionFreeInThePoolWithinTheAcquisitionTimeout() throws Exception {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(1).acquisitionTimeout(Duration.ofMillis(200))
                        .connectionFactoryConfiguration(f -> f.jdbcUrl("jdbc:h2:mem:pool")));
        try (AgroalDataSource pool = AgroalDataSource.from(config); Connection only = pool.getConnection()) {
            Throwable failure = catchThrowable(pool::getConnection);
            assertThat(failure).isInstanceOf(SQLException.class).hasMessageFindingMatch("(?i)acquisition timeout");
            assertThat(TransientFailures.isTransient(wrapped(failure))).isTrue();
        }
    }

    @Test
    void aJtaTransactionThatOutlivedItsTimeoutIsTransient() throws Exception {
        jakarta.transaction.TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        tm.setTransactionTimeout(1);
        tm.begin();
        Thread.sleep(1600);
        Throwable failure = catchThrowable(tm::commit);
        tm.setTransactionTimeout(0);
        assertThat(failure).isInstanceOf(jakarta.transaction.RollbackException.class);
        assertThat(TransientFailures.isTransient(failure)).as(String.valueOf(failure)).isTrue();
    }

    @Test
    void synthesizedChainsOfTheKindsWeCannotProduceHere() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("shutdown", "57P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("too many", "53300"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("canceling statement due to statement timeout", "57014"))).isTrue();
        // how the transaction manager's cancel at the JTA timeout reaches us (TransactionTimeoutTest)
        assertThat(TransientFailures.isTransient(new SQLException("canceling statement due to user request", "57014"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        SQLException chained = new SQLException("batch entry 3 failed", "xx000");
        chained.setNextException(new SQLException("lock", "55P03"));
        assertThat(TransientFailures.isTransient(chained)).isTrue();
        RuntimeException suppressedCause = new IllegalStateException("commit failed");
        suppressedCause.addSuppressed(new SQLException("io", "08003"));
        assertThat(TransientFailures.isTransient(suppressedCause)).isTrue();
        assertThat(TransientFailures.isTransient(new ExecutionException(new SQLException("x", "HYT00")))).isTrue();
    }

    @Test
    void bugsAreNotTransient() {
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("timeout in a rule"))).isFalse();
        assertThat(TransientFailures.isTransient(new Sql.DataAccessException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("syntax", "42601"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
        // a cycle in the chain ends the walk
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(TransientFailures.isTransient(a)).isFalse();
    }

    @Test
    void aRealUniqueViolationIsABug() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:unique;MODE=PostgreSQL", "sa", "")) {
            Statement s = c.createStatement();
            s.execute("CREATE TABLE u (id INT PRIMARY KEY)");
            s.execute("INSERT INTO u VALUES (1)");
            assertThatThrownBy(() -> s.execute("INSERT INTO u VALUES (1)"))
                    .satisfies(e -> assertThat(TransientFailures.isTransient(new Sql.DataAccessException((SQLException) e))).isFalse());
        }
    }

    /** As our JDBC helper and a JTA commit wrap it. */
    private static RuntimeException wrapped(Throwable sql) {
        return new IllegalStateException("transaction failed", new Sql.DataAccessException((SQLException) sql));
    }

    private static String newConnectionSql() throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = TransientFailuresTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        String sql = p.getProperty("quarkus.datasource.jdbc.new-connection-sql");
        assertThat(sql).as("application.properties sets a lock timeout").isNotNull();
        return sql;
    }
}
