package com.userautomations.engine;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.EmailRecipient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one fact a rule matches: the event, carrying the user and school snapshots so that every
 * rule has a single pattern. Immutable except for what rule consequences record: the matches of
 * automations, and the actions of analyst rules (the {@code actions} API below, which records
 * only). A fact is evaluated on one thread at a time.
 */
public final class EventFact {
    private final String schoolId;
    private final String type;
    private final String courseId;
    private final String formId;
    private final String couponCode;
    private final String certificateId;
    private final String reason;
    private final Set<String> tagsAdded;
    private final Set<String> tagsRemoved;
    private final Map<String, String> fields;
    private final UserSnapshot user;
    /** Null until first asked for when the constructor was given none (see {@link #getSchool}). */
    private SchoolSnapshot school;
    /** Matches recorded so far; null until the first one (most events match nothing). */
    private List<Match> matches;
    /** The wait_for steps the event matches, recorded by wait rules; null until the first one. */
    private List<WaitMatch> waits;
    /**
     * Actions recorded by analyst rules, by run id ("rule:<name>"), in the order rules first fired;
     * null until an analyst rule fires or the map is asked for.
     */
    private Map<String, List<Action>> recorded;
    /** The run id of the analyst rule whose consequence is running, set by the engine. */
    private String firing;
    private Decider decider = Decider.NONE;
    /** Decision results already computed for this fact: a decision is evaluated once per event. */
    private Map<String, Object> decisions;

    /**
     * @param type        the event type's wire name, e.g. {@code tags.added}
     * @param tagsAdded   the tags this event newly added (not those the user already had)
     * @param tagsRemoved the tags this event actually removed
     */
    public EventFact(String schoolId, String type, String courseId, String formId, String couponCode,
            String certificateId, String reason, Set<String> tagsAdded, Set<String> tagsRemoved,
            Map<String, String> fields, UserSnapshot user) {
        this(schoolId, type, courseId, formId, couponCode, certificateId, reason, tagsAdded, tagsRemoved, fields,
                user, null);
    }

    /** @param school the school's snapshot; null: only its id (schoolId) is known */
    public EventFact(String schoolId, String type, String courseId, String formId, String couponCode,
            String certificateId, String reason, Set<String> tagsAdded, Set<String> tagsRemoved,
            Map<String, String> fields, UserSnapshot user, SchoolSnapshot school) {
        this.schoolId = schoolId;
        this.type = Objects.requireNonNull(type, "type");
        this.courseId = courseId;
        this.formId = formId;
        this.couponCode = couponCode;
        this.certificateId = certificateId;
        this.reason = reason;
        // Set.copyOf returns an immutable set as it is: no copy for Set.of()/Set.copyOf() inputs
        this.tagsAdded = tagsAdded == null ? Set.of() : Set.copyOf(tagsAdded);
        this.tagsRemoved = tagsRemoved == null ? Set.of() : Set.copyOf(tagsRemoved);
        this.fields = fields(fields);
        this.user = Objects.requireNonNull(user, "user");
        this.school = school;
    }

    /**
     * An unmodifiable copy in the input's order; a key may map to null (Map.copyOf refuses that).
     * An empty input needs no copy: the shared empty map answers every query (null keys included)
     * like an empty unmodifiable LinkedHashMap.
     */
    private static Map<String, String> fields(Map<String, String> fields) {
        if (fields == null) {
            return Map.of();
        }
        if (fields.isEmpty()) {
            return Collections.emptyMap();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String getSchoolId() {
        return schoolId;
    }

    public String getType() {
        return type;
    }

    public String getCourseId() {
        return courseId;
    }

    public String getFormId() {
        return formId;
    }

    public String getCouponCode() {
        return couponCode;
    }

    public String getCertificateId() {
        return certificateId;
    }

    public String getReason() {
        return reason;
    }

    public Set<String> getTagsAdded() {
        return tagsAdded;
    }

    public Set<String> getTagsRemoved() {
        return tagsRemoved;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    public UserSnapshot getUser() {
        return user;
    }

    public SchoolSnapshot getSchool() {
        SchoolSnapshot s = school;
        if (s == null) {
            // made on first use: most rules never look at the school (a race makes two equal records)
            s = new SchoolSnapshot(schoolId, "");
            school = s;
        }
        return s;
    }

    /** Sets where {@link #decision} results come from; the service sets its school's decider. */
    public EventFact useDecider(Decider decider) {
        this.decider = decider == null ? Decider.NONE : decider;
        this.decisions = null;
        return this;
    }

    /**
     * The result of an analysts' DMN decision with this fact as its input, or null when the
     * decision gives none. Computed once per fact.
     */
    public Object decision(String model, String decision) {
        if (decisions == null) {
            decisions = new java.util.HashMap<>();
        }
        // the key cannot collide: a NUL never appears in a stored model name
        String key = model + '\u0000' + decision;
        if (decisions.containsKey(key)) {
            return decisions.get(key);
        }
        Object result = decider.decide(model, decision, this);
        decisions.put(key, result);
        return result;
    }

    /** The matches recorded so far, in firing order (may repeat an automation with several triggers). */
    public List<Match> matches() {
        return Collections.unmodifiableList(matchList());
    }

    /** Called by rule consequences; records only, never acts. */
    public void addMatch(String automationId, int version) {
        matchList().add(new Match(automationId, version));
    }

    /** Called by wait rules' consequences: the event matches this wait_for step. Records only. */
    public void addWait(String automationId, int version, String step) {
        if (waits == null) {
            waits = new ArrayList<>(2);
        }
        waits.add(new WaitMatch(automationId, version, step));
    }

    /** The wait_for steps the event matched, in firing order. */
    public List<WaitMatch> waits() {
        return waits == null ? List.of() : Collections.unmodifiableList(waits);
    }

    /** The number of matches recorded so far; the engine's way to {@code matches().size()} without a view. */
    int matchCount() {
        List<Match> m = matches;
        return m == null ? 0 : m.size();
    }

    /** Match {@code i} in firing order, 0 <= i < {@link #matchCount()}. */
    Match matchAt(int i) {
        return matches.get(i);
    }

    private List<Match> matchList() {
        List<Match> m = matches;
        if (m == null) {
            m = new ArrayList<>(4);
            matches = m;
        }
        return m;
    }

    // ---- the actions API of analyst rules: each call records an action of the firing rule ----

    public void addTags(String... tags) {
        record(Action.tags(ActionType.ADD_TAGS, values(tags)));
    }

    public void removeTags(String... tags) {
        record(Action.tags(ActionType.REMOVE_TAGS, values(tags)));
    }

    public void enroll(String... courseIds) {
        record(Action.courses(ActionType.ENROLL, values(courseIds)));
    }

    public void unenroll(String... courseIds) {
        record(Action.courses(ActionType.UNENROLL, values(courseIds)));
    }

    public void completeCourses(String... courseIds) {
        record(Action.courses(ActionType.COMPLETE_COURSES, values(courseIds)));
    }

    public void addToSpace(String... spaceIds) {
        record(Action.spaces(ActionType.ADD_TO_SPACE, values(spaceIds)));
    }

    public void removeFromSpace(String... spaceIds) {
        record(Action.spaces(ActionType.REMOVE_FROM_SPACE, values(spaceIds)));
    }

    /** Adds the tag prefix + the user's email domain, like the automation action add_email_domain_tag. */
    public void addEmailDomainTag(String prefix) {
        record(Action.emailDomainTag(prefix));
    }

    /**
     * Queues an email. {@code to} is "user", "admins" or an email address; subject and body may
     * use the merge fields of automations ({user.firstName}, {user.fields.X}, {school.name}, ...).
     */
    public void sendEmail(String to, String subject, String body) {
        String recipient = to == null ? "" : to.trim();
        EmailRecipient kind = EmailRecipient.USER.wireName().equals(recipient) ? EmailRecipient.USER
                : EmailRecipient.ADMINS.wireName().equals(recipient) ? EmailRecipient.ADMINS : EmailRecipient.ADDRESS;
        record(Action.sendEmail(kind, kind == EmailRecipient.ADDRESS ? recipient : null,
                subject == null ? "" : subject, body == null ? "" : body));
    }

    /** Actions recorded by analyst rules so far, by run id, in the order the rules first fired. */
    public Map<String, List<Action>> recordedActions() {
        return Collections.unmodifiableMap(recordedMap());
    }

    /** The engine calls this before an analyst rule's consequence runs: a rule that fires is a run. */
    void firing(String runId) {
        firing = runId;
        if (runId != null) {
            recordedMap().computeIfAbsent(runId, k -> new ArrayList<>());
        }
    }

    private void record(Action action) {
        if (firing == null) {
            throw new IllegalStateException("actions can only be recorded by an analyst rule's consequence");
        }
        recordedMap().get(firing).add(action);
    }

    private Map<String, List<Action>> recordedMap() {
        Map<String, List<Action>> r = recorded;
        if (r == null) {
            r = new LinkedHashMap<>();
            recorded = r;
        }
        return r;
    }

    /** Null values become "" (the run then skips the action and says why); a null array records none. */
    private static List<String> values(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).map(v -> v == null ? "" : v).toList();
    }

    @Override
    public String toString() {
        return "EventFact[" + schoolId + " " + type + " user=" + user.id() + "]";
    }
}
