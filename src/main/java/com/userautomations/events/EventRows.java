package com.userautomations.events;

import com.userautomations.common.JsonBodies;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events table's writes and the lookups de-duplication makes in it: a row per posted event,
 * whose id is what de-duplicates (ON CONFLICT DO NOTHING says whether it was there already).
 */
@ApplicationScoped
public class EventRows {
    private static final String INSERT_EVENT = "INSERT INTO events (school_id, id, body_hash, body, type, user_id, "
            + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_ANSWERED = "INSERT INTO events (school_id, id, body_hash, body, type, user_id, "
            + "received_at, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Sql sql;

    public EventRows(Sql sql) {
        this.sql = sql;
    }

    /** What a repeat is checked against: the first body's hash and the first answer's text. */
    record Stored(String bodyHash, String answer) {
    }

    boolean stored(String schoolId, String eventId) {
        return sql.one("SELECT 1 FROM events WHERE school_id = ? AND id = ?", rs -> 1, schoolId, eventId).isPresent();
    }

    Optional<Stored> answerOf(String schoolId, String eventId) {
        return sql.one("SELECT body_hash, answer FROM events WHERE school_id = ? AND id = ?",
                rs -> new Stored(rs.getString(1), rs.getString(2)), schoolId, eventId);
    }

    /** Inserts the events' rows in one JDBC batch: 1 for each one stored, 0 for an id already there. */
    int[] insertEvents(String schoolId, List<EventService.Prepared> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (EventService.Prepared p : events) {
            rows.add(new Object[]{schoolId, p.event().id(), p.hash(), JsonBodies.write(p.body()), p.event().type(),
                    p.event().userId(), p.receivedAt()});
        }
        return sql.batchCounts(INSERT_EVENT, rows);
    }

    /**
     * A single event's row with its answer, in one statement at the event's end: false when its id
     * is stored already (a repeat, or a concurrent twin that committed first).
     */
    boolean insertAnswered(String schoolId, EventService.Prepared p, String userId, String answer) {
        EventInput e = p.event();
        return sql.update(INSERT_ANSWERED, schoolId, e.id(), p.hash(), JsonBodies.write(p.body()), e.type(), userId,
                p.receivedAt(), answer) != 0;
    }

    /** Takes back an event's row when the event is refused after it was stored (a batch's chunk). */
    void unstore(String schoolId, String eventId) {
        sql.update("DELETE FROM events WHERE school_id = ? AND id = ?", schoolId, eventId);
    }

    /** A chunk's answers (and the users a form lead found), onto the rows it stored, in one JDBC batch. */
    void answer(String schoolId, Map<String, ChunkState.Answered> answers) {
        List<Object[]> rows = new ArrayList<>(answers.size());
        answers.forEach((eventId, a) -> rows.add(new Object[]{a.answer(), a.userId(), schoolId, eventId}));
        sql.batch("UPDATE events SET answer = ?, user_id = ? WHERE school_id = ? AND id = ?", rows);
    }
}
