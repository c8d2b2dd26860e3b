package com.userautomations.delivery;

import com.userautomations.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel of the tests only, on a table of its own: each row says how its sends behave, so a
 * test drives the outbox through every kind of {@link Attempt}. One in flight per target.
 * Present in every {@code @QuarkusTest} application; it sends only what a test queued.
 */
@ApplicationScoped
public class TestChannel implements OutboxChannel<TestChannel.Behaviour> {
    static final String NOTE = "a worker stopped while sending this test message; sent again (possible duplicate)";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** ok | hold (until the target's gate opens) | slow (50 ms) | retry | retry-after-once:MILLIS | fail */
    record Behaviour(String how) {
    }

    record Send(String id, String schoolId, String target, int attempt, Instant at, Instant notBefore) {
    }

    static final List<Send> SENDS = new CopyOnWriteArrayList<>();
    static final Map<String, Attempt> SETTLED = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> NOW = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();

    private final Sql sql;

    public TestChannel(Sql sql) {
        this.sql = sql;
    }

    void createTable(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().run(() -> sql.update("CREATE TABLE IF NOT EXISTS test_messages ("
                + "id VARCHAR(64) PRIMARY KEY, school_id VARCHAR(128) NOT NULL, status VARCHAR(20) NOT NULL, "
                + "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "sending_at TIMESTAMP WITH TIME ZONE, last_error TEXT, target VARCHAR(255) NOT NULL, "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, behaviour VARCHAR(100) NOT NULL, last_status_code INTEGER)"));
    }

    /** Queues one message, due now unless {@code due} says otherwise; its id. */
    String queue(String schoolId, String target, String how, Instant due, Instant created) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String id = "tst_" + HexFormat.of().formatHex(b);
        QuarkusTransaction.requiringNew().run(() -> sql.update("INSERT INTO test_messages (id, school_id, status, "
                + "next_attempt_at, target, created_at, behaviour) VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                id, schoolId, due, target, created, how));
        return id;
    }

    String queue(String schoolId, String target, String how) {
        Instant now = Instant.now();
        return queue(schoolId, target, how, now, now);
    }

    static void close(String target) {
        GATES.put(target, new CountDownLatch(1));
    }

    static void open(String target) {
        CountDownLatch gate = GATES.remove(target);
        if (gate != null) {
            gate.countDown();
        }
    }

    static int mostAtOnce(String target) {
        AtomicInteger most = MOST.get(target);
        return most == null ? 0 : most.get();
    }

    static List<Send> sendsOf(String id) {
        return SENDS.stream().filter(s -> s.id().equals(id)).toList();
    }

    static List<Send> sendsOfSchool(String schoolId) {
        return new ArrayList<>(SENDS.stream().filter(s -> s.schoolId().equals(schoolId)).toList());
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String table() {
        return "test_messages";
    }

    @Override
    public String deliveredStatus() {
        return "delivered";
    }

    @Override
    public String contentColumns() {
        return "behaviour";
    }

    @Override
    public Behaviour read(ResultSet rs) throws SQLException {
        return new Behaviour(rs.getString("behaviour"));
    }

    @Override
    public int concurrencyPerTarget() {
        return 1;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return new FixedSchedule(List.of(Duration.ofMillis(300), Duration.ofMillis(300)));
    }

    @Override
    public String possibleDuplicateNote() {
        return NOTE;
    }

    @Override
    public Attempt send(Claimed<Behaviour> m) {
        int now = NOW.computeIfAbsent(m.target(), t -> new AtomicInteger()).incrementAndGet();
        MOST.computeIfAbsent(m.target(), t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            String how = m.message().how();
            Instant at = Instant.now();
            Instant notBefore = null;
            Attempt attempt = Attempt.delivered(200);
            if (how.equals("hold")) {
                CountDownLatch gate = GATES.get(m.target());
                if (gate != null) {
                    gate.await(8, TimeUnit.SECONDS); // under the test lease (15 s)
                }
            } else if (how.equals("slow")) {
                Thread.sleep(50);
            } else if (how.equals("retry")) {
                attempt = Attempt.retryLater("the test endpoint was busy", null, 503);
            } else if (how.startsWith("retry-after-once:") && m.attempts() == 1) {
                notBefore = at.plusMillis(Long.parseLong(how.substring("retry-after-once:".length())));
                attempt = Attempt.retryLater("the test endpoint asked to wait", notBefore, 429);
            } else if (how.equals("fail")) {
                attempt = Attempt.failed("the test endpoint refused the message", 410);
            }
            SENDS.add(new Send(m.id(), m.schoolId(), m.target(), m.attempts(), at, notBefore));
            return attempt;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retryLater("the test send was interrupted");
        } finally {
            NOW.get(m.target()).decrementAndGet();
        }
    }

    @Override
    public void settle(Claimed<Behaviour> m, Attempt attempt, Instant now) {
        Integer code = attempt instanceof Attempt.Delivered d ? d.statusCode()
                : attempt instanceof Attempt.Failed f ? f.statusCode() : ((Attempt.RetryLater) attempt).statusCode();
        sql.update("UPDATE test_messages SET last_status_code = ? WHERE id = ?", code, m.id());
        SETTLED.put(m.id(), attempt);
    }
}
