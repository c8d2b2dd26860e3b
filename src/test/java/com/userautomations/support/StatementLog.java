package com.userautomations.support;

import com.userautomations.common.Sql;
import io.agroal.api.AgroalDataSource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service's SQL helper with a statement log, for the tests that count statements per
 * request (the N+1 reads). Every statement the service sends through {@link Sql} is noted while
 * {@link #start()}ed, with the Vert.x context it ran on: one HTTP request runs on one
 * (duplicated) context, so the statements of a request are those sharing its context, whatever
 * the background workers do at the same time. Replaces {@link Sql} in every @QuarkusTest
 * (an alternative of test code); it only counts.
 */
@Alternative
@Priority(1)
@jakarta.inject.Singleton
public class StatementLog extends Sql {
    public record Statement(Object context, String sql, List<Object> params) {
    }

    private static final List<Statement> LOG = new CopyOnWriteArrayList<>();
    private static volatile boolean recording;

    public StatementLog(AgroalDataSource dataSource) {
        super(dataSource);
    }

    public static void start() {
        LOG.clear();
        recording = true;
    }

    /** Stops recording and gives what was noted. */
    public static List<Statement> stop() {
        recording = false;
        return List.copyOf(LOG);
    }

    /**
     * The statements of the request that sent the first statement matching {@code marker} with
     * {@code param} among its parameters (all statements on that request's context).
     */
    public static List<Statement> ofRequest(List<Statement> log, String marker, Object param) {
        Statement first = log.stream().filter(s -> s.sql().contains(marker) && s.params().contains(param)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + marker + " and " + param + " in " + log));
        return log.stream().filter(s -> s.context() == first.context()).toList();
    }

    private static void note(String sql, Object[] params) {
        if (recording) {
            Context context = Vertx.currentContext();
            LOG.add(new Statement(context == null ? Thread.currentThread() : context, sql, Arrays.asList(params)));
        }
    }

    @Override
    public int update(String sql, Object... params) {
        note(sql, params);
        return super.update(sql, params);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        note(sql, params);
        return super.query(sql, mapper, params);
    }

    @Override
    public int[] batchCounts(String sql, List<Object[]> rows) {
        note(sql, rows.isEmpty() ? new Object[0] : rows.get(0));
        return super.batchCounts(sql, rows);
    }
}
