package com.userautomations.events;

import com.userautomations.directory.UserState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one chunk of a batch (EventBatch) keeps between its events, so that the writes that do
 * not have to happen inside an event go out once per chunk instead of once per event:
 * <ul>
 *   <li>the users it locked at its start, read with their tags, enrollments and spaces in two
 *       queries for the whole chunk; each event then works on the state in memory, which the
 *       directory keeps current as it writes (UserStore mutates the state it is given);</li>
 *   <li>the answers, written to the events' rows in one JDBC batch before the commit;</li>
 *   <li>the runs and their actions, likewise (a once-per-user check looks here as well as in
 *       the runs table, see {@link #hasRun}).</li>
 * </ul>
 * A refused event adds nothing here (it is refused before it changes anything); any other
 * failure throws the whole chunk away.
 */
final class ChunkState {
    private final String schoolId;
    private final Map<String, UserState> users;
    private final Map<String, Answered> answers = new LinkedHashMap<>();
    private final List<RunStore.Finished> runs = new ArrayList<>();
    private final Set<String> ran = new HashSet<>();
    private final Set<String> tookBack = new HashSet<>();

    record Answered(String bodyHash, String answer, String userId) {
    }

    ChunkState(String schoolId, Map<String, UserState> users) {
        this.schoolId = schoolId;
        this.users = new HashMap<>(users);
    }

    /** The user as this chunk holds it (locked, current), or null: then it is read and locked as usual. */
    UserState user(String userId) {
        return userId == null ? null : users.get(userId);
    }

    void forget(String userId) {
        if (userId != null) {
            users.remove(userId);
        }
    }

    /** A refused event took its row back: its user is read again, and a later copy of its id is new. */
    void refused(EventInput event) {
        forget(event.userId());
        tookBack.add(event.id());
    }

    /** Whether an event of this chunk with this id was refused after its row had been stored. */
    boolean tookBack(String eventId) {
        return tookBack.remove(eventId);
    }

    Answered answered(String eventId) {
        return answers.get(eventId);
    }

    void answer(String eventId, Answered a, UserState user) {
        answers.put(eventId, a);
        users.put(user.id(), user);
    }

    void defer(List<RunStore.Finished> finished) {
        for (RunStore.Finished f : finished) {
            runs.add(f);
            ran.add(key(f));
        }
    }

    private static String key(RunStore.Finished f) {
        return f.run().automationId() + '\u0000' + f.run().userId();
    }

    /** Whether a run of this chunk, not yet written, started the automation for the user. */
    boolean hasRun(String automationId, String userId) {
        return ran.contains(automationId + '\u0000' + userId);
    }

    /** Replaces each of the user's runs of this chunk, not yet written, with what {@code change} makes of it. */
    void replaceRuns(String userId, UnaryOperator<RunStore.Finished> change) {
        runs.replaceAll(f -> f.run().userId().equals(userId) ? change.apply(f) : f);
    }

    /**
     * Writes the runs of the chunk's earlier events now, so that a later event's lookup of the
     * user's runs waiting at a wait_for sees them (the chunk's once-per-user record stays).
     */
    void writeRuns(RunStore runStore) {
        if (!runs.isEmpty()) {
            runStore.insertAll(runs);
            runs.clear();
        }
    }

    /** Writes the answers and the runs: three round trips for the chunk, just before its commit. */
    void flush(EventRows events, RunStore runStore) {
        runStore.insertAll(runs);
        events.answer(schoolId, answers);
        runs.clear();
        answers.clear();
    }
}
