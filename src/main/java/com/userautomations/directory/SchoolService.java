package com.userautomations.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Timestamps;
import com.userautomations.common.SchoolLookup;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SchoolService implements SchoolLookup {
    private final ApiKeyService keys;
    private final Sql sql;

    public SchoolService(ApiKeyService keys, Sql sql) {
        this.keys = keys;
        this.sql = sql;
    }

    @Transactional
    public SchoolView create(byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        BodyReader in = new BodyReader(body);
        String id = in.id("id", true);
        String name = in.line("name", true, 500);
        String timezone = TimeZones.read(in);
        List<String> admins = in.emails("adminEmails");
        String from = in.email("fromEmail", false);
        in.throwIfInvalid();
        if (School.findById(id) != null) {
            throw ApiException.conflict("A school with id " + id + " already exists");
        }
        School school = new School();
        school.id = id;
        school.name = name;
        school.timezone = timezone == null ? "UTC" : timezone;
        school.adminEmails = JsonBodies.write(admins);
        school.fromEmail = from;
        school.createdAt = Timestamps.now();
        school.persistAndFlush();
        ApiKeyService.IssuedKey key = keys.issue(id);
        SchoolView view = view(school);
        return new SchoolView(view.id(), view.name(), view.timezone(), view.adminEmails(), view.fromEmail(),
                view.sendWindow(), view.frequencyCap(), view.createdAt(), key.apiKey(), key.id());
    }

    /**
     * A merge patch of the school's settings (name, zone, addresses, send window, frequency
     * cap), under the school row's lock so two patches apply one after the other.
     */
    @Transactional
    public SchoolView patch(String id, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json);
        School school = School.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (school == null) {
            throw ApiException.notFound("No such school");
        }
        SchoolPatch.apply(school, body);
        school.persistAndFlush();
        return view(school);
    }

    @Transactional
    public Optional<SchoolView> find(String id) {
        return School.<School>findByIdOptional(id).map(SchoolService::view);
    }

    /** One plain statement, no ORM session: the access filter asks it for the operator's requests. */
    @Override
    public boolean exists(String id) {
        return sql.one("SELECT 1 FROM schools WHERE id = ?", rs -> Boolean.TRUE, id).isPresent();
    }

    /** Read with plain JDBC in the caller's transaction: the rules version must be current. */
    public Optional<SchoolInfo> info(String id) {
        return sql.one("SELECT id, name, admin_emails, from_email, rules_version, timezone, send_window, frequency_cap "
                        + "FROM schools WHERE id = ?",
                rs -> new SchoolInfo(rs.getString(1), rs.getString(2), readList(rs.getString(3)), rs.getString(4),
                        rs.getLong(5), TimeZones.of(rs.getString(6)).orElse(ZoneOffset.UTC), read(rs.getString(7), SendWindow.class),
                        read(rs.getString(8), FrequencyCap.class)), id);
    }

    static SchoolView view(School s) {
        return new SchoolView(s.id, s.name, s.timezone, adminEmails(s), s.fromEmail,
                read(s.sendWindow, SendWindow.class), read(s.frequencyCap, FrequencyCap.class), s.createdAt, null, null);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : JsonBodies.MAPPER.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored school settings unreadable", e);
        }
    }

    public static List<String> adminEmails(School s) {
        return readList(s.adminEmails);
    }

    private static List<String> readList(String json) {
        try {
            return JsonBodies.MAPPER.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("stored admin emails unreadable", e);
        }
    }
}
