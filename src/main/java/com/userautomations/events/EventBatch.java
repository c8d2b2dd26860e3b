package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Problem;
import com.userautomations.common.TransientFailures;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.engine.RuleStopped;
import com.userautomations.analyst.RuleLimits;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A batch is many single events, in order, each atomic on its own: one refused event does not
 * hold back the others, and each gets its own answer or problem.
 *
 * <p>Events are applied in chunks of {@value #CHUNK}, one transaction per chunk, and the chunk
 * does per round trip what single events do one by one: one commit (one WAL flush), one JDBC
 * batch for the events' rows, one lock-and-read of all its users with their memberships, and one
 * batch each for the answers, runs and run actions at its end ({@link ChunkState}). Every answer
 * is given only after its chunk committed, so nothing acknowledged can be lost. Per-user order
 * holds because a chunk runs its events one after the other, and the users' rows are locked in
 * id order at its start, so two chunks running at once wait for each other instead of
 * deadlocking.
 *
 * <p>There are no savepoints (each is a round trip, and PostgreSQL slows down beyond 64 of them
 * in a transaction). A refused event is refused before it writes anything but its own row, and
 * that row is deleted again. Any other failure, or a refusal from the database that a retry
 * cures (a deadlock with a concurrent batch creating the same new user, say), rolls the whole
 * chunk back, and its events are applied again one transaction each, as single events are; an
 * event whose analysts' rules were stopped (over their bounds) is not applied again but answers
 * why, since its rule would only be stopped again. The chunk is small because of that, and
 * because its users stay locked until it commits. When the database is out of reach or a lock
 * wait times out, the whole batch answers 503 instead.
 */
@ApplicationScoped
public class EventBatch {
    public static final int MAX_EVENTS = 1000;
    static final int CHUNK = 50;
    private static final int SINGLE_ATTEMPTS = 4;
    private static final Logger LOG = Logger.getLogger(EventBatch.class);

    private final EventService events;
    private final SchoolService schools;
    private final UserStore users;
    private final RunStore runs;
    private final EventRows rows;
    private final EventUsers eventUsers;

    public EventBatch(EventService events, SchoolService schools, UserStore users, RunStore runs, EventRows rows,
                      EventUsers eventUsers) {
        this.events = events;
        this.schools = schools;
        this.users = users;
        this.runs = runs;
        this.rows = rows;
        this.eventUsers = eventUsers;
    }

    public List<Object> ingest(String schoolId, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json, JsonBodies.BATCH_LIMIT);
        BodyReader in = new BodyReader(body);
        JsonNode list = in.delegatedArray("events");
        if (list == null && in.errors().isEmpty()) {
            in.error("events", "is required: an array of events");
        }
        in.throwIfInvalid();
        if (list.size() > MAX_EVENTS) {
            throw ApiException.invalid("events", "must hold at most " + MAX_EVENTS + " events");
        }
        Object[] results = new Object[list.size()];
        for (int from = 0; from < list.size(); from += CHUNK) {
            int start = from;
            int to = Math.min(list.size(), from + CHUNK);
            Object[] chunk = new Object[to - from];
            RuleStopped[] stopped = new RuleStopped[to - from];
            try {
                QuarkusTransaction.requiringNew().run(() -> chunk(schoolId, list, start, to, chunk, stopped));
            } catch (RuntimeException failed) {
                if (unavailable(failed)) {
                    // API.md 1.1: the batch is refused whole (503). This chunk rolled back; earlier
                    // chunks stay committed, and a resend is safe: their events' ids are stored, so
                    // they answer as duplicates (their first answer) and run nothing twice.
                    throw failed;
                }
                // nothing of the chunk is stored: apply its events again, one transaction each
                if (failed instanceof RuleStopped) {
                    LOG.debug("an analysts' rule of a chunk's event was stopped; applying the others one by one");
                } else if (retryable(failed)) {
                    LOG.debugf("a chunk of a batch met a transient refusal (%s); applying its events one by one",
                            failed.getMessage());
                } else {
                    LOG.warn("a chunk of a batch failed; applying its events one by one", failed);
                }
                for (int i = from; i < to; i++) {
                    // an event whose analysts' rules were stopped is not run again: its rule would
                    // block or loop again, on the same state, for another whole bound
                    chunk[i - from] = stopped[i - from] != null ? RuleLimits.problem(stopped[i - from])
                            : single(schoolId, list.get(i));
                }
            }
            System.arraycopy(chunk, 0, results, from, to - from);
        }
        return Arrays.asList(results);
    }

    /**
     * Applies events [from, to) in the current transaction. Without
     * savepoints: a refusal happens before the event writes anything but its own row (which is
     * then deleted), and any other failure aborts the chunk, whose events the caller applies
     * again one transaction each.
     */
    private void chunk(String schoolId, JsonNode list, int from, int to, Object[] out, RuleStopped[] stopped) {
        // the rules version is read in the chunk's transaction, once: the chunk's events all arrived
        // with the batch, before any change that commits while the chunk runs
        SchoolInfo school = schools.info(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
        EventService.Prepared[] prepared = new EventService.Prepared[to - from];
        List<EventService.Prepared> valid = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            try {
                prepared[i - from] = EventService.prepare(list.get(i));
                valid.add(prepared[i - from]);
            } catch (ApiException refused) {
                out[i - from] = refused.toProblem();
            }
        }
        ChunkState state = new ChunkState(schoolId, users.lockAll(schoolId, userIds(valid)));
        // every row in one round trip; a concurrent twin of one of them waits here for the first to commit
        int[] stored = valid.isEmpty() ? new int[0] : rows.insertEvents(schoolId, valid);
        int v = 0;
        for (int i = from; i < to; i++) {
            EventService.Prepared p = prepared[i - from];
            if (p == null) {
                continue;
            }
            boolean isNew = stored[v++] > 0;
            if (!isNew && state.tookBack(p.event().id())) {
                // an earlier copy in this chunk stored the row, was refused and deleted it again
                isNew = rows.insertEvents(schoolId, List.of(p))[0] > 0;
            }
            try {
                out[i - from] = (isNew ? apply(school, p, state) : events.duplicate(schoolId, p, state)).body();
            } catch (ApiException refused) {
                out[i - from] = refused.toProblem();
            } catch (RuleStopped e) {
                // it may have changed the user already: the chunk rolls back (see ingest)
                stopped[i - from] = e;
                throw e;
            }
        }
        // the answers and runs of the chunk, written with it in this transaction
        state.flush(rows, runs);
    }

    /** An event whose row this chunk stored; refused (its row deleted again) when its user is refused. */
    private EventService.Answer apply(SchoolInfo school, EventService.Prepared p, ChunkState state) {
        UserState user;
        try {
            user = eventUsers.userFor(school.id(), p.event(), state);
        } catch (ApiException refused) {
            // nothing but the event's own row was written: take it back, the chunk goes on
            rows.unstore(school.id(), p.event().id());
            state.refused(p.event());
            throw refused;
        }
        return events.process(school, p, user, state);
    }

    /** The users the chunk's events name, in id order (see the class comment). */
    private static TreeSet<String> userIds(List<EventService.Prepared> events) {
        TreeSet<String> ids = new TreeSet<>();
        for (EventService.Prepared p : events) {
            if (p.event().userId() != null) {
                ids.add(p.event().userId());
            }
        }
        return ids;
    }

    /**
     * One event in a transaction of its own. A retryable refusal (the event's transaction rolled
     * back whole, nothing of it is stored) is tried again a few times: a chunk of a concurrent batch
     * can hold the user's row for longer than H2's lock timeout.
     */
    private Object single(String schoolId, JsonNode event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return events.ingest(schoolId, event).body();
            } catch (ApiException refused) {
                return refused.toProblem();
            } catch (RuleStopped stopped) {
                return RuleLimits.problem(stopped); // rolled back; logged where it was stopped
            } catch (RuntimeException failed) {
                if (attempt >= SINGLE_ATTEMPTS || !retryable(failed)) {
                    if (TransientFailures.isTransient(failed)) {
                        throw failed; // the whole batch is a 503, as for a chunk (see ingest)
                    }
                    return internalError(failed);
                }
                LOG.debugf("an event of a batch met a transient refusal (attempt %d); trying again", attempt);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return internalError(failed);
                }
            }
        }
    }

    private static Problem internalError(RuntimeException failed) {
        // this event rolled back; the others keep their answers
        LOG.error("an event of a batch failed", failed);
        return Problem.of(500, "This event failed and was not stored; it has been logged", null);
    }

    /**
     * The database is out of reach or a lock wait timed out: a chunk's events applied one by one
     * would meet the same, each after its own wait. A deadlock or serialization failure is not
     * among these: retried at once, it usually succeeds.
     */
    private static boolean unavailable(RuntimeException e) {
        return TransientFailures.isTransient(e) && !hasState(e, "40P01", "40001");
    }

    private static boolean hasState(RuntimeException e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && Arrays.asList(states).contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Deadlock, serialization failure, lock timeout (PostgreSQL and H2): the same event may succeed again. */
    private static boolean retryable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40P01".equals(state) || "40001".equals(state) || "55P03".equals(state) || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
