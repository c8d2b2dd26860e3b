package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.Problem;
import com.userautomations.common.Sql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A batch is many single events, in order, each atomic on its own: one refused event does not
 * hold back the others, and each gets its own answer or problem.
 *
 * <p>Events are applied in chunks of {@value #CHUNK}, one transaction per chunk, each event
 * inside its own savepoint: a refused or failed event is rolled back to its savepoint and
 * changes nothing, the others stay. One commit (one WAL flush) per chunk instead of per event
 * is what makes batches fast; every answer is given only after its chunk committed, so nothing
 * acknowledged can be lost. Per-user order holds because a chunk runs its events one after the
 * other. At the start of a chunk the rows of the users it names are locked in id order, so two
 * chunks running at once wait for each other instead of deadlocking, and read with their tags,
 * enrollments and spaces in the same two queries; the events' answers and runs are written once,
 * at the chunk's end ({@link ChunkState}). The chunk stays below 64
 * events because PostgreSQL keeps up to 64 subtransactions per transaction in shared memory and
 * slows every session down beyond that.
 *
 * <p>When the database refuses a chunk's event for a reason a retry cures (a deadlock, say,
 * with a concurrent batch creating the same new user), the chunk commits the events before it
 * and the next chunk starts at that event; when a whole chunk fails to commit, its events are
 * applied again one transaction each, as single events are.
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
    private final Sql sql;

    public EventBatch(EventService events, SchoolService schools, UserStore users, RunStore runs, Sql sql) {
        this.events = events;
        this.schools = schools;
        this.users = users;
        this.runs = runs;
        this.sql = sql;
    }

    public List<Object> ingest(String schoolId, JsonNode body) {
        JsonNode list = body.get("events");
        if (list == null || !list.isArray()) {
            throw ApiException.invalid("events", "must be an array of events");
        }
        if (list.size() > MAX_EVENTS) {
            throw ApiException.invalid("events", "must hold at most " + MAX_EVENTS + " events");
        }
        Object[] results = new Object[list.size()];
        int next = 0;
        while (next < list.size()) {
            int from = next;
            int to = Math.min(list.size(), from + CHUNK);
            Object[] chunk = new Object[to - from];
            int done;
            try {
                done = QuarkusTransaction.requiringNew().call(() -> chunk(schoolId, list, from, to, chunk));
            } catch (RuntimeException failed) {
                // nothing of the chunk is stored: apply its events again, one transaction each
                LOG.warn("a chunk of a batch failed to commit; applying its events one by one", failed);
                done = to;
                for (int i = from; i < to; i++) {
                    chunk[i - from] = single(schoolId, list.get(i));
                }
            }
            if (done == from) {
                // the first event of a chunk hit a transient refusal: it goes alone, as a single event would
                chunk[0] = single(schoolId, list.get(from));
                done = from + 1;
            }
            System.arraycopy(chunk, 0, results, from, done - from);
            next = done;
        }
        return Arrays.asList(results);
    }

    /** Applies events [from, to) in the current transaction; returns where it stopped (to, or a retryable event). */
    private int chunk(String schoolId, JsonNode list, int from, int to, Object[] out) {
        // the rules version is read in the chunk's transaction, once: the chunk's events all arrived
        // with the batch, before any change that commits while the chunk runs
        SchoolInfo school = schools.info(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
        ChunkState state = new ChunkState(schoolId, users.lockAll(schoolId, userIds(list, from, to)));
        int stop = to;
        for (int i = from; i < to; i++) {
            sql.update("SAVEPOINT batch_event");
            state.mark();
            JsonNode event = list.get(i);
            try {
                out[i - from] = events.ingestInCurrentTransaction(school, event, state).body();
            } catch (ApiException refused) {
                sql.update("ROLLBACK TO SAVEPOINT batch_event");
                state.rollBack(userId(event));
                out[i - from] = refused.toProblem();
            } catch (RuntimeException failed) {
                sql.update("ROLLBACK TO SAVEPOINT batch_event");
                state.rollBack(userId(event));
                if (retryable(failed)) {
                    stop = i;
                    break;
                }
                out[i - from] = internalError(failed);
            }
        }
        // the answers and runs of the events before `stop`, written with them in this transaction
        state.flush(sql, runs);
        return stop;
    }

    /** The users the chunk's events name, in id order (see the class comment). */
    private static TreeSet<String> userIds(JsonNode list, int from, int to) {
        TreeSet<String> ids = new TreeSet<>();
        for (int i = from; i < to; i++) {
            String id = userId(list.get(i));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static String userId(JsonNode event) {
        JsonNode userId = event.path("userId");
        return userId.isTextual() && userId.textValue().length() <= 128 ? userId.textValue() : null;
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
            } catch (RuntimeException failed) {
                if (attempt >= SINGLE_ATTEMPTS || !retryable(failed)) {
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
        return new Problem("about:blank", "Internal error", 500,
                "This event failed and was not stored; it has been logged", null);
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
