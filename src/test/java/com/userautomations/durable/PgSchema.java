package com.userautomations.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test's own schema in the shared test database (never {@code public}, which the
 * {@code @QuarkusTest} suite cleans). The service migrates into it with Flyway; the test reads
 * it over JDBC to count rows. It is left in place after the test for inspection and dropped at
 * the next start.
 */
final class PgSchema {
    static final String BASE_URL = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/automations_test");
    static final String USER = env("TEST_DATABASE_USER", "automations");
    static final String PASSWORD = env("TEST_DATABASE_PASSWORD", "automations");

    private final String name;

    private PgSchema(String name) {
        this.name = name;
    }

    /** Drops the schema if it exists and creates it empty. */
    static PgSchema recreate(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}") || name.equals("public")) {
            throw new IllegalArgumentException(name);
        }
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate schema " + name + " in " + BASE_URL, e);
        }
        return new PgSchema(name);
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Every row of a query, as column-name maps in order. */
    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, as a number. */
    long count(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
