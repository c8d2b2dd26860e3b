package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.FieldError;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Timestamps;
import com.userautomations.directory.CatalogKind;
import com.userautomations.directory.CatalogService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Saving automations. Every change bumps the school's rules version and becomes live before the answer. */
@ApplicationScoped
public class AutomationService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final AutomationStore store;
    private final CatalogService catalog;
    private final Event<AutomationChanged> changed;
    private final Event<WaitingRunsCancelled> cancelled;
    private final DecisionCheck decisions;
    private final WebhookCheck webhooks;
    private final Cursors cursors;

    private final int maxPerSchool;

    public AutomationService(AutomationStore store, CatalogService catalog, Event<AutomationChanged> changed,
                             Event<WaitingRunsCancelled> cancelled, DecisionCheck decisions, WebhookCheck webhooks,
                             AutomationsConfig config, Cursors cursors) {
        this.cancelled = cancelled;
        this.webhooks = webhooks;
        this.cursors = cursors;
        this.maxPerSchool = config.maxAutomationsPerSchool();
        this.store = store;
        this.catalog = catalog;
        this.changed = changed;
        this.decisions = decisions;
    }

    @Transactional
    public AutomationView create(String schoolId, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        AutomationDefinition d = validated(schoolId, body);
        readOnlyKeys(body, null);
        if (store.lockAndCount(schoolId) >= maxPerSchool) {
            throw ApiException.invalid("", "the school has " + maxPerSchool
                    + " automations, the most it may hold; delete one first");
        }
        Instant now = Timestamps.now();
        StoredAutomation a = new StoredAutomation(newId(), d.name(), d.status().wireName(), 1,
                JsonBodies.write(DefinitionJson.toJson(d)), d.isActive() ? now : null, now, now);
        store.insert(schoolId, a);
        publish(schoolId, a, d);
        return AutomationView.of(a);
    }

    /** What a replacement does with the old versions' waiting runs (API.md 1.1): they finish on their version, or end. */
    public enum WaitingRuns implements WireNamed {
        KEEP,
        CANCEL;

        /** The query parameter's value (absent: keep), or a 422 at it. */
        public static WaitingRuns of(String wire) {
            if (wire == null) {
                return KEEP;
            }
            return WireNames.find(values(), wire).orElseThrow(() -> ApiException.invalid("waitingRuns",
                    "must be keep or cancel"));
        }
    }

    @Transactional
    public AutomationView replace(String schoolId, String id, byte[] json, WaitingRuns waitingRuns) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        StoredAutomation current = store.lock(schoolId, id).orElseThrow(AutomationService::unknown);
        return replace(schoolId, current, body, waitingRuns);
    }

    /**
     * Restores version {@code version} as a new version: its definition, with the automation's
     * current status, goes through the PUT path (the same validation, so a course gone since is a
     * 422; the same rule-base change; the same handling of waiting runs). Unknown version: 404.
     */
    @Transactional
    public AutomationView restore(String schoolId, String id, String version, WaitingRuns waitingRuns) {
        StoredAutomation current = store.lock(schoolId, id).orElseThrow(AutomationService::unknown);
        ObjectNode body = versionNumber(version).flatMap(v -> store.versionDefinition(schoolId, id, v))
                .map(json -> (ObjectNode) JsonBodies.read(json))
                .orElseThrow(() -> ApiException.notFound("No such version of this automation"));
        body.put("status", current.status()); // status unchanged: a version's definition leaves it out
        return replace(schoolId, current, body, waitingRuns);
    }

    /** The automation's versions, newest first, paged; 404 for an unknown or deleted automation. */
    @Transactional
    public AutomationVersionList versions(String schoolId, String id, String limit, String cursor) {
        store.find(schoolId, id).orElseThrow(AutomationService::unknown);
        String scope = Cursors.scope("automation-versions", schoolId, id);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        Integer before = page.first() ? null : Integer.valueOf(page.after().get(0));
        return AutomationVersionList.of(cursors.page(store.versions(schoolId, id, before, page.fetch()), page, scope,
                v -> List.of(String.valueOf(v.version()))));
    }

    /** A version number of a path: a positive int, else empty (there is no such version). */
    private static Optional<Integer> versionNumber(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    /** PUT's path, for a body and for a restored version alike: {@code current} is locked. */
    private AutomationView replace(String schoolId, StoredAutomation current, JsonNode body, WaitingRuns waitingRuns) {
        String id = current.id();
        AutomationDefinition d = validated(schoolId, body);
        readOnlyKeys(body, current);
        Instant now = Timestamps.now();
        StoredAutomation a = new StoredAutomation(id, d.name(), d.status().wireName(), current.version() + 1,
                JsonBodies.write(DefinitionJson.toJson(d)), activatedAt(current, d.status().wireName(), now),
                current.createdAt(), now);
        store.update(schoolId, a);
        store.insertVersion(schoolId, a);
        if (waitingRuns == WaitingRuns.CANCEL) {
            cancelled.fire(new WaitingRunsCancelled(schoolId, id, a.version()));
        }
        publish(schoolId, a, d);
        return AutomationView.of(a);
    }

    /** PATCH changes only the status; the definition and its version stay as they are. */
    @Transactional
    public AutomationView setStatus(String schoolId, String id, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        BodyReader in = new BodyReader(body);
        String status = in.oneOf("status", true, Set.of("active", "paused"));
        in.throwIfInvalid();
        StoredAutomation current = store.lock(schoolId, id).orElseThrow(AutomationService::unknown);
        AutomationDefinition d = parseStored(current.definitionJson());
        AutomationDefinition updated = d.withStatus(AutomationStatus.fromWire(status).orElseThrow());
        Instant now = Timestamps.now();
        StoredAutomation a = new StoredAutomation(id, d.name(), status, current.version(),
                JsonBodies.write(DefinitionJson.toJson(updated)), activatedAt(current, status, now),
                current.createdAt(), now);
        store.update(schoolId, a);
        publish(schoolId, a, updated);
        return AutomationView.of(a);
    }

    @Transactional
    public void delete(String schoolId, String id) {
        StoredAutomation current = store.lock(schoolId, id).orElseThrow(AutomationService::unknown);
        store.markDeleted(schoolId, id);
        changed.fire(new AutomationChanged(schoolId, store.bumpRulesVersion(schoolId), id, current.version(), null));
    }

    @Transactional
    public Optional<AutomationView> find(String schoolId, String id) {
        return store.find(schoolId, id).map(AutomationView::of);
    }

    @Transactional
    public Optional<StoredAutomation> stored(String schoolId, String id) {
        return store.find(schoolId, id);
    }

    @Transactional
    public AutomationList list(String schoolId, String limit, String cursor) {
        String scope = Cursors.scope("automations", schoolId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<AutomationView> rows = store.list(schoolId, page.first() ? "" : page.after().get(0), page.fetch()).stream()
                .map(AutomationView::of).toList();
        return AutomationList.of(cursors.page(rows, page, scope, a -> List.of(a.id())));
    }

    private AutomationDefinition validated(String schoolId, JsonNode body) {
        ParseResult parsed = DefinitionParser.parse(body);
        if (!parsed.isValid()) {
            throw ApiException.invalid(parsed.errors());
        }
        AutomationDefinition d = parsed.definition();
        Set<String> missingCourses = catalog.missing(CatalogKind.COURSE, schoolId, d.referencedCourseIds());
        Set<String> missingSpaces = catalog.missing(CatalogKind.SPACE, schoolId, d.referencedSpaceIds());
        List<FieldError> errors = new ArrayList<>();
        if (!missingCourses.isEmpty() || !missingSpaces.isEmpty()) {
            errors.addAll(References.missing(d, c -> !missingCourses.contains(c), s -> !missingSpaces.contains(s)));
        }
        errors.addAll(References.missingDecisions(d, schoolId, decisions));
        errors.addAll(References.missingWebhooks(d, schoolId, webhooks));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return d;
    }

    /**
     * The stored form's read-only keys may come back in a PUT (a client that edits what it read)
     * only with the stored values; in a POST they are the service's to set.
     */
    private static void readOnlyKeys(JsonNode body, StoredAutomation stored) {
        BodyReader in = new BodyReader(body);
        for (String key : DefinitionParser.READ_ONLY) {
            in.readOnly(key, stored == null ? null : readOnlyValue(stored, key));
        }
        if (!in.errors().isEmpty()) {
            throw ApiException.invalid(in.errors());
        }
    }

    private void publish(String schoolId, StoredAutomation a, AutomationDefinition d) {
        changed.fire(new AutomationChanged(schoolId, store.bumpRulesVersion(schoolId), a.id(), a.version(), d));
    }

    /** Only events that arrive after an automation became active can start it. */
    private static Instant activatedAt(StoredAutomation current, String status, Instant now) {
        if (!"active".equals(status)) {
            return current.activatedAt();
        }
        return "active".equals(current.status()) && current.activatedAt() != null ? current.activatedAt() : now;
    }

    public static AutomationDefinition parseStored(String json) {
        ParseResult parsed = DefinitionParser.parse(JsonBodies.read(json));
        if (!parsed.isValid()) {
            throw new IllegalStateException("a stored automation no longer parses: " + parsed.errors());
        }
        return parsed.definition();
    }

    /** A read-only key as the answer wrote it, which is what a client reading it sends back. */
    private static JsonNode readOnlyValue(StoredAutomation a, String key) {
        return switch (key) {
            case "id" -> TextNode.valueOf(a.id());
            case "version" -> IntNode.valueOf(a.version());
            case "createdAt" -> TextNode.valueOf(a.createdAt().toString());
            case "updatedAt" -> TextNode.valueOf(a.updatedAt().toString());
            default -> throw new IllegalArgumentException("not a read-only key: " + key);
        };
    }

    static ApiException unknown() {
        return ApiException.notFound("No such automation");
    }

    private static String newId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "aut_" + new String(id);
    }
}
