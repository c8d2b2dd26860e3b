package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Sql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Ingests one event in one transaction (DESIGN.md, "the flow of one event"): lock the user
 * and apply the state change, evaluate and run, store the event with its answer, which is what
 * de-duplicates (an id stored already rolls the event back to the first answer). Anything
 * refused rolls the whole transaction back, so a refused event changes nothing. A batch's
 * chunk (EventBatch) uses the same steps in another order.
 */
@ApplicationScoped
public class EventService {
    private final Sql sql;
    private final SchoolService schools;
    private final UserStore users;
    private final EventProcessor processor;

    public EventService(Sql sql, SchoolService schools, UserStore users, EventProcessor processor) {
        this.sql = sql;
        this.schools = schools;
        this.users = users;
        this.processor = processor;
    }

    /** An answer and its HTTP status: 202 when processed now, 200 for a duplicate. */
    public record Answer(int status, EventAnswer body) {
    }

    private record Stored(String bodyHash, String answer) {
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
            user = userFor(school.id(), p.event());
        } catch (ApiException refused) {
            // a repeat gets its first answer even if its user is gone since
            if (stored(school.id(), p.event().id())) {
                throw new AlreadyStored(school.id(), p);
            }
            throw refused;
        }
        return process(school, p, user, null);
    }

    private boolean stored(String schoolId, String eventId) {
        return sql.one("SELECT 1 FROM events WHERE school_id = ? AND id = ?", rs -> 1, schoolId, eventId).isPresent();
    }

    private static final String INSERT_EVENT = "INSERT INTO events (school_id, id, body_hash, body, type, user_id, "
            + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_ANSWERED = "INSERT INTO events (school_id, id, body_hash, body, type, user_id, "
            + "received_at, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** Inserts the events' rows in one JDBC batch: 1 for each one stored, 0 for an id already there. */
    int[] insertEvents(String schoolId, List<Prepared> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Prepared p : events) {
            rows.add(new Object[]{schoolId, p.event().id(), p.hash(), JsonBodies.write(p.body()), p.event().type(),
                    p.event().userId(), p.receivedAt()});
        }
        return sql.batchCounts(INSERT_EVENT, rows);
    }

    /** Takes back an event's row when the event is refused after it was stored (a batch's chunk). */
    void unstore(String schoolId, String eventId) {
        sql.update("DELETE FROM events WHERE school_id = ? AND id = ?", schoolId, eventId);
    }

    /**
     * Runs an event whose row was just stored, for its user (locked): applies the state change,
     * evaluates, runs what matched, and stores the answer. With a chunk (a batch), the answer and
     * the runs are left to the chunk, which writes those of all its events at once.
     */
    Answer process(SchoolInfo school, Prepared p, UserState user, ChunkState chunk) {
        EventInput e = p.event();
        Happening happening = applyChange(school.id(), e, user);
        EventProcessor.Chain chain = new EventProcessor.Chain(school, user, e.id(), p.receivedAt());
        if (chunk != null) {
            chain.earlierRuns(chunk::hasRun);
        }
        processor.process(chain, happening, 0);

        EventAnswer answer = new EventAnswer(e.id(), false, List.copyOf(chain.runs()));
        if (chunk != null) {
            chunk.defer(chain.unwritten);
            chunk.answer(e.id(), new ChunkState.Answered(p.hash(), JsonBodies.write(answer), user.id()), user);
            return new Answer(202, answer);
        }
        // the user is known only now for a form lead: the row goes in with it and the answer
        if (sql.update(INSERT_ANSWERED, school.id(), e.id(), p.hash(), JsonBodies.write(p.body()), e.type(), user.id(),
                p.receivedAt(), JsonBodies.write(answer)) == 0) {
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
        Stored stored = earlier != null ? new Stored(earlier.bodyHash(), earlier.answer()) : sql.one("SELECT body_hash, answer FROM events WHERE school_id = ? AND id = ?",
                rs -> new Stored(rs.getString(1), rs.getString(2)), schoolId, eventId).orElseThrow();
        if (!stored.bodyHash().equals(hash)) {
            throw ApiException.conflict("Event " + eventId + " was already received with a different body");
        }
        return new Answer(200, EventAnswer.repeatOf(stored.answer()));
    }

    /**
     * The user as the chunk holds it (its row locked when the chunk started); sign-ups and forms,
     * which may create or change the user's profile, take the usual way, and the chunk forgets
     * what it held of that user.
     */
    UserState userFor(String schoolId, EventInput e, ChunkState chunk) {
        if (EventTypes.SIGNED_UP.equals(e.type()) || EventTypes.FORM.equals(e.type())) {
            chunk.forget(e.userId());
            return userFor(schoolId, e);
        }
        UserState held = chunk.user(e.userId());
        return held != null ? held : userFor(schoolId, e);
    }

    /** Finds (or, for sign-ups and form leads, creates) the event's user and locks its row. */
    private UserState userFor(String schoolId, EventInput e) {
        if (EventTypes.SIGNED_UP.equals(e.type())) {
            UserStore.Profile p = e.user();
            UserStore.Profile signup = new UserStore.Profile(p.email(), p.firstName(), p.lastName(), "learner",
                    e.occurredAt(), p.source(), p.timezone(), p.fields());
            if (!users.insert(schoolId, e.userId(), signup)) {
                UserState existing = users.lock(schoolId, e.userId()).orElseThrow();
                users.update(schoolId, e.userId(), merge(existing, p));
            }
            return users.lock(schoolId, e.userId()).orElseThrow();
        }
        if (EventTypes.FORM.equals(e.type())) {
            String userId = e.userId();
            if (userId == null) {
                String email = e.fields().get("email").textValue();
                userId = users.findIdByEmail(schoolId, email).orElse(leadId(email));
                String first = text(e.fields(), "firstName");
                String last = text(e.fields(), "lastName");
                users.insert(schoolId, userId, new UserStore.Profile(email, first, last, "lead", e.occurredAt(), null,
                        null, JsonBodies.MAPPER.createObjectNode()));
            }
            Optional<UserState> user = users.lock(schoolId, userId);
            if (user.isPresent()) {
                return user.get();
            }
            throw ApiException.invalid("userId", "no user " + userId + " in this school");
        }
        return users.lock(schoolId, e.userId())
                .orElseThrow(() -> ApiException.invalid("userId", "no user " + e.userId() + " in this school"));
    }

    /** A sign-up for a known user updates what the event says and keeps the rest. */
    private static UserStore.Profile merge(UserState u, UserStore.Profile p) {
        return new UserStore.Profile(p.email() != null ? p.email() : u.email(),
                p.firstName() != null ? p.firstName() : u.firstName(),
                p.lastName() != null ? p.lastName() : u.lastName(),
                u.role(), u.registeredAt(), p.source() != null ? p.source() : u.source(),
                p.timezone() != null ? p.timezone() : u.timezone(),
                p.fields() != null && !p.fields().isEmpty() ? p.fields() : u.fields());
    }

    /** The state change happens before automations run, so they see the user as it is now. */
    private Happening applyChange(String schoolId, EventInput e, UserState user) {
        Set<String> added = Set.of();
        Set<String> removed = Set.of();
        if (EventTypes.TAGS_ADDED.equals(e.type()) && UserStore.tagsWith(user, e.tags()) > UserStore.MAX_TAGS) {
            throw ApiException.invalid("tags", "the user would hold " + UserStore.tagsWith(user, e.tags())
                    + " tags; a user holds at most " + UserStore.MAX_TAGS);
        }
        switch (e.type()) {
            case EventTypes.ENROLLED -> users.setEnrollment(schoolId, user, e.courseId(), "active", e.occurredAt());
            case EventTypes.UNENROLLED -> users.setEnrollment(schoolId, user, e.courseId(), "unenrolled", e.occurredAt());
            case EventTypes.COMPLETED -> users.setEnrollment(schoolId, user, e.courseId(), "completed", e.occurredAt());
            case EventTypes.TAGS_ADDED -> added = users.addTags(schoolId, user, e.tags());
            case EventTypes.TAGS_REMOVED -> removed = users.removeTags(schoolId, user, e.tags());
            default -> {
            }
        }
        Map<String, String> fields = BodyReader.asStrings(e.fields());
        return new Happening(e.type(), e.courseId(), e.formId(), e.couponCode(), e.certificateId(), e.reason(),
                added, removed, fields, null);
    }

    /** A lead's id follows from its email, so two submissions for one new address meet on one row. */
    private static String leadId(String email) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(email.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return "lead-" + HexFormat.of().formatHex(d).substring(0, 24);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode v = fields.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
