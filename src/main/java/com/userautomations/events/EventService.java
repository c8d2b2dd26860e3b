package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ingests one event in one transaction (DESIGN.md, "the flow of one event"): lock the user
 * and apply the state change, evaluate and run, store the event with its answer, which is what
 * de-duplicates (an id stored already rolls the event back to the first answer). Anything
 * refused rolls the whole transaction back, so a refused event changes nothing. A batch's
 * chunk (EventBatch) uses the same steps in another order. The steps' parts live apart: the user
 * ({@link EventUsers}), its state change ({@link StateChanges}), the event's row ({@link EventRows}).
 */
@ApplicationScoped
public class EventService {
    private final EventRows rows;
    private final SchoolService schools;
    private final EventUsers users;
    private final StateChanges changes;
    private final InactivityScan inactivity;
    private final EventProcessor processor;
    private final WaitingExits exits;
    private final RunStore runs;

    public EventService(EventRows rows, SchoolService schools, EventUsers users, StateChanges changes,
                        EventProcessor processor, InactivityScan inactivity, WaitingExits exits, RunStore runs) {
        this.runs = runs;
        this.inactivity = inactivity;
        this.exits = exits;
        this.rows = rows;
        this.schools = schools;
        this.users = users;
        this.changes = changes;
        this.processor = processor;
    }

    /** An answer and its HTTP status: 202 when processed now, 200 for a duplicate. */
    public record Answer(int status, EventAnswer body) {
    }

    /**
     * One posted event, as bytes, in a transaction of its own: an unknown school is a 404 before
     * a malformed body is a 400.
     */
    public Answer ingest(String schoolId, byte[] body) {
        return once(() -> ingest(school(schoolId), JsonBodies.parseObject(body)));
    }

    public Answer ingest(String schoolId, JsonNode body) {
        return once(() -> ingest(school(schoolId), body));
    }

    private SchoolInfo school(String schoolId) {
        return schools.info(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
    }

    /**
     * Thrown in an event's transaction when, at its end, its id turns out to be stored already
     * (a repeat, or a concurrent twin that committed first): everything the event did is rolled
     * back and the first answer is given instead.
     */
    private static final class AlreadyStored extends RuntimeException {
        final String schoolId;
        final Prepared event;

        AlreadyStored(String schoolId, Prepared event) {
            super("event already stored", null, false, false);
            this.schoolId = schoolId;
            this.event = event;
        }
    }

    private Answer once(Supplier<Answer> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (AlreadyStored stored) {
            return duplicate(stored.schoolId, stored.event, null);
        }
    }

    /** An event that passed validation, with what the rest of its way needs. */
    record Prepared(JsonNode body, EventInput event, String hash, Instant receivedAt) {
    }

    /** Validates the body; a malformed event is refused here, before anything is written. */
    static Prepared prepare(JsonNode body) {
        Instant receivedAt = Instant.now();
        EventParser.Parsed parsed = EventParser.parse(body, receivedAt);
        if (!parsed.valid()) {
            throw ApiException.invalid(parsed.errors());
        }
        return new Prepared(body, parsed.event(), BodyHash.of(body), receivedAt);
    }

    /**
     * A single event stores its row last, with its answer: one statement instead of an insert
     * first and an update of the answer at the end. The row is still what de-duplicates: a
     * concurrent twin waits for the user's row lock, does the same work, finds the row stored at
     * its end and rolls back to the first answer; a plain repeat does the work and rolls it back
     * too, which costs a repeat what it saves every new event.
     */
    private Answer ingest(SchoolInfo school, JsonNode body) {
        Prepared p = prepare(body);
        UserState user;
        try {
            user = users.userFor(school.id(), p.event());
        } catch (ApiException refused) {
            // a repeat gets its first answer even if its user is gone since
            if (rows.stored(school.id(), p.event().id())) {
                throw new AlreadyStored(school.id(), p);
            }
            throw refused;
        }
        return process(school, p, user, null);
    }

    /**
     * Runs an event whose row was just stored, for its user (locked): applies the state change,
     * evaluates, runs what matched, and stores the answer. With a chunk (a batch), the answer and
     * the runs are left to the chunk, which writes those of all its events at once.
     */
    Answer process(SchoolInfo school, Prepared p, UserState user, ChunkState chunk) {
        EventInput e = p.event();
        Happening happening = changes.apply(school.id(), e, user);
        if (EventTypes.VISITED.equals(e.type())) {
            inactivity.visited(school, user, e, p.receivedAt());
        }
        exits.check(school, user, chunk);
        EventProcessor.Chain chain = new EventProcessor.Chain(school, user, e.id(), e.occurredAt(), p.receivedAt());
        if (chunk != null) {
            chain.earlierRuns(chunk::hasRun).writeEarlierRuns(() -> chunk.writeRuns(runs));
        }
        processor.process(chain, happening, 0);

        EventAnswer answer = new EventAnswer(e.id(), false, List.copyOf(chain.runs()));
        if (chunk != null) {
            chunk.defer(chain.unwritten);
            chunk.answer(e.id(), new ChunkState.Answered(p.hash(), JsonBodies.write(answer), user.id()), user);
            return new Answer(202, answer);
        }
        // the user is known only now for a form lead: the row goes in with it and the answer
        if (!rows.insertAnswered(school.id(), p, user.id(), JsonBodies.write(answer))) {
            throw new AlreadyStored(school.id(), p);
        }
        processor.finish(chain);
        return new Answer(202, answer);
    }

    /** The answer to an id already stored: the first answer, or a 409 when the body differs. */
    Answer duplicate(String schoolId, Prepared p, ChunkState chunk) {
        String eventId = p.event().id();
        String hash = p.hash();
        ChunkState.Answered earlier = chunk == null ? null : chunk.answered(eventId);
        EventRows.Stored stored = earlier != null ? new EventRows.Stored(earlier.bodyHash(), earlier.answer())
                : rows.answerOf(schoolId, eventId).orElseThrow();
        if (!stored.bodyHash().equals(hash)) {
            throw ApiException.conflict("Event " + eventId + " was already received with a different body");
        }
        return new Answer(200, EventAnswer.repeatOf(stored.answer()));
    }
}
