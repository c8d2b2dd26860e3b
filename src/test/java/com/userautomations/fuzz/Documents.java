package com.userautomations.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStatus;
import com.userautomations.automation.Condition;
import com.userautomations.automation.DecisionValue;
import com.userautomations.automation.DefinitionParser;
import com.userautomations.automation.EmailRecipient;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.MergeFields;
import com.userautomations.automation.WebhookPayloads;
import com.userautomations.automation.Reentry;
import com.userautomations.automation.Role;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.automation.UnenrollReason;
import com.userautomations.common.TextRules;
import com.userautomations.common.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Valid documents over wide value ranges: automation definitions (as records, every trigger,
 * condition and action type, nesting up to the parser's limits, values with unicode, quotes,
 * template and injection text, extreme timestamps and durations) and event, user and course
 * bodies. The fuzz tests use them as they are and as seeds for mutations.
 */
final class Documents {
    static final int MAX_DEPTH = 20;
    private static final List<String> MERGE_FIELDS = List.of("{user.firstName}", "{user.lastName}", "{user.email}",
            "{course.title}", "{school.name}", "{user.fields.company}", "{event.fields.plan}", "{user.fields.ταγ}");
    /** The merge fields a run without an event (user.inactive) fills. */
    private static final List<String> MERGE_FIELDS_WITHOUT_EVENT = MERGE_FIELDS.stream()
            .filter(f -> !f.startsWith("{event.")).toList();
    private static final List<String> REASONS = Arrays.stream(UnenrollReason.values()).map(UnenrollReason::wireName).toList();
    /** The instants the API accepts (years 0001-9999, what both databases store). */
    private static final long MIN_SECOND = Timestamps.MIN.getEpochSecond();
    private static final long MAX_SECOND = Timestamps.MAX.getEpochSecond();

    private final FuzzGen g;
    private final Supplier<String> courseId;
    private final Supplier<String> spaceId;
    private int conditionNodes;
    /**
     * The definition being made has a user.inactive trigger: its runs have no event, so its
     * conditions and templates must not read {@code event.*} (else it is a 422).
     */
    private boolean withoutEvent;

    /** Ids of courses and spaces come from the suppliers (REST needs ones that exist). */
    Documents(FuzzGen g, Supplier<String> courseId, Supplier<String> spaceId) {
        this.g = g;
        this.courseId = courseId;
        this.spaceId = spaceId;
    }

    /** Any ids at all. */
    Documents(FuzzGen g) {
        this(g, g::id, g::id);
    }

    // ---- automations ----

    AutomationDefinition definition() {
        // NUL is the one control character no text keeps (PostgreSQL refuses it)
        String name = (g.chance(70) ? g.text(200) : g.anyText(200)).replace('\u0000', '\u0001');
        if (name.isBlank()) {
            // a one-character text turned into a control character can be blank, which names refuse
            name = "n" + name;
        }
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0, n = g.chance(80) ? 1 : g.between(2, 4); i < n; i++) {
            triggers.add(trigger());
        }
        withoutEvent = triggers.stream().anyMatch(t -> t.type() == TriggerType.USER_INACTIVE);
        conditionNodes = 0;
        Condition conditions = g.chance(25) ? null : g.chance(10) ? chain(g.between(1, MAX_DEPTH)) : condition(1);
        List<Action> actions = new ArrayList<>();
        for (int i = 0, n = g.between(1, 4); i < n; i++) {
            actions.add(action());
        }
        // {course.title} only where every trigger fills it (else the definition is a 422)
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (MergeFields.unfilledCourse(triggers, actions, i) == null) {
                continue;
            }
            if (a.type() == ActionType.SEND_EMAIL) {
                actions.set(i, Action.sendEmail(a.to(), a.address(), a.subject().replace("{course.title}", "{school.name}"),
                        a.body().replace("{course.title}", "{school.name}")));
            } else if (a.type() == ActionType.SEND_PUSH) {
                actions.set(i, Action.sendPush(a.title().replace("{course.title}", "{school.name}"),
                        a.body().replace("{course.title}", "{school.name}"), a.url()));
            } else if (a.type() == ActionType.SEND_WEBHOOK) {
                actions.set(i, Action.sendWebhook(a.webhookId(),
                        WebhookPayloads.render(a.payload(), t -> t.replace("{course.title}", "{school.name}"))));
            }
        }
        return new AutomationDefinition(name, g.pick(AutomationStatus.values()), triggers, conditions, actions,
                g.pick(Reentry.values()));
    }

    /** Any type; a definition with a user.inactive trigger reads no event.* ({@link #withoutEvent}). */
    Trigger trigger() {
        TriggerType type = g.pick(TriggerType.values());
        if (type == TriggerType.USER_INACTIVE) {
            int days = g.chance(20) ? g.pick(1, DefinitionParser.MAX_INACTIVE_DAYS) : g.between(1, DefinitionParser.MAX_INACTIVE_DAYS);
            return Trigger.inactive(days, filter(courseId));
        }
        List<String> courses = List.of();
        List<String> reasons = List.of();
        List<String> forms = List.of();
        List<String> coupons = List.of();
        List<String> tags = List.of();
        switch (type) {
            case USER_ENROLLED, COURSE_COMPLETED, CERTIFICATE_AWARDED, COURSE_PREVIEWED, USER_VISITED ->
                    courses = filter(courseId);
            case USER_UNENROLLED -> {
                courses = filter(courseId);
                reasons = filter(() -> g.pick(REASONS));
            }
            case FORM_SUBMITTED -> forms = filter(g::id);
            case COUPON_CLAIMED -> coupons = filter(() -> g.text(128));
            case TAGS_ADDED, TAGS_REMOVED -> tags = filter(this::tag);
            default -> {
            }
        }
        return new Trigger(type, courses, reasons, forms, coupons, tags);
    }

    private List<String> filter(Supplier<String> values) {
        return g.chance(40) ? List.of() : list(values, 1, 4);
    }

    private static List<String> list(Supplier<String> values, int min, int max, FuzzGen g) {
        List<String> out = new ArrayList<>();
        for (int i = 0, n = g.between(min, max); i < n; i++) {
            out.add(values.get());
        }
        return out;
    }

    private List<String> list(Supplier<String> values, int min, int max) {
        return list(values, min, max, g);
    }

    String tag() {
        return g.text(100);
    }

    /** A not/all/any chain exactly {@code depth} levels deep (the leaf included). */
    private Condition chain(int depth) {
        Condition c = leaf();
        for (int i = 1; i < depth; i++) {
            c = switch (g.nextInt(3)) {
                case 0 -> new Condition.Not(c);
                case 1 -> new Condition.All(List.of(c));
                default -> new Condition.Any(List.of(c, leaf()));
            };
        }
        return c;
    }

    private Condition condition(int depth) {
        conditionNodes++;
        if (depth < 6 && conditionNodes < 60 && g.chance(35)) {
            int kind = g.nextInt(3);
            if (kind == 2) {
                return new Condition.Not(condition(depth + 1));
            }
            List<Condition> children = new ArrayList<>();
            for (int i = 0, n = g.between(1, 4); i < n; i++) {
                children.add(condition(depth + 1));
            }
            return kind == 0 ? new Condition.All(children) : new Condition.Any(children);
        }
        return leaf();
    }

    Condition leaf() {
        return switch (g.nextInt(12)) {
            case 0 -> new Condition.RegisteredBefore(instant());
            case 1 -> new Condition.RegisteredAfter(instant());
            case 2 -> new Condition.HasTags(list(this::tag, 1, 4));
            case 3 -> new Condition.HasAnyTag(list(this::tag, 1, 4));
            case 4 -> new Condition.EmailDomain(list(() -> g.text(253), 1, 3));
            case 5 -> new Condition.RoleIn(List.of(g.pick(Role.values())));
            case 6 -> new Condition.SourceIn(list(() -> g.text(200), 1, 3));
            case 7 -> new Condition.EnrolledIn(list(courseId, 1, 3));
            case 8 -> new Condition.CompletedCourse(list(courseId, 1, 3));
            case 9 -> new Condition.InSpace(list(spaceId, 1, 3));
            case 10 -> new Condition.Decision(g.text(200), g.text(200), decisionValue());
            default -> {
                FieldOp op = g.pick(FieldOp.values());
                String path = (withoutEvent || g.chance(50) ? Condition.Field.USER_PREFIX : Condition.Field.EVENT_PREFIX)
                        + (g.chance(70) ? g.pick("company", "plan", "score", "ταγ", "a.b", "") + g.text(5) : anyTextButNul(60));
                String value = op == FieldOp.EXISTS ? null
                        : g.chance(60) ? g.pick("100", "-1.5", "1e3", "", " ", "Corp", "0x10", "NaN") : anyTextButNul(500);
                yield new Condition.Field(path, op, value);
            }
        };
    }

    /** What a decision condition may expect: text of any kind, a number in range, a boolean. */
    DecisionValue decisionValue() {
        return switch (g.nextInt(3)) {
            case 0 -> DecisionValue.string(g.chance(70) ? g.text(1000) : anyTextButNul(1000));
            case 1 -> new DecisionValue(DecisionValue.Kind.NUMBER, g.pick("0", "-1.5", "100", "1e-30", "12345678901234567890",
                    "0.000001", "3.14159"));
            default -> new DecisionValue(DecisionValue.Kind.BOOLEAN, g.pick("true", "false"));
        };
    }

    /** An instant the API accepts: anything from year 0001 to 9999, edges included. */
    Instant instant() {
        return switch (g.nextInt(4)) {
            case 0 -> Instant.ofEpochSecond(g.random.nextLong(MIN_SECOND, MAX_SECOND));
            case 1 -> Instant.ofEpochSecond(g.random.nextLong(0, 4_102_444_800L), g.nextInt(1_000_000_000));
            case 2 -> g.pick(Instant.EPOCH, Instant.ofEpochSecond(MIN_SECOND), Instant.ofEpochSecond(MAX_SECOND),
                    Instant.parse("2026-11-28T09:30:00Z"), Instant.parse("1970-01-01T00:00:00.000000001Z"),
                    Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));
            default -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(g.nextInt(400 * 86_400));
        };
    }

    Action action() {
        ActionType type = g.pick(ActionType.values());
        return switch (type) {
            case ENROLL, UNENROLL, COMPLETE_COURSES -> Action.courses(type, list(courseId, 1, 3));
            case ADD_TAGS, REMOVE_TAGS -> Action.tags(type, list(this::tag, 1, 4));
            case ADD_TO_SPACE, REMOVE_FROM_SPACE -> Action.spaces(type, list(spaceId, 1, 3));
            case ADD_EMAIL_DOMAIN_TAG -> Action.emailDomainTag(g.chance(30) ? "" : g.text(99));
            case SEND_EMAIL -> {
                EmailRecipient to = g.pick(EmailRecipient.values());
                String address = to == EmailRecipient.ADDRESS ? address() : null;
                yield Action.sendEmail(to, address, template(false), template(true));
            }
            case WAIT -> g.chance(50) ? Action.waitFor(duration()) : Action.waitUntil(instant());
            case ADD_TAG_FROM_DECISION -> Action.tagFromDecision(g.text(200), g.text(200), g.chance(50) ? "" : g.text(99));
            case SEND_WEBHOOK -> Action.sendWebhook(g.id(), payload(1));
            case SEND_PUSH -> Action.sendPush(limit(template(false), 200), limit(template(true), 2000),
                    g.chance(50) ? null : g.pick("/courses", "https://school.test/c?x=1", "/c/{user.fields.company}"));
        };
    }

    /** A send_webhook payload: nested objects and lists whose strings are templates, no reserved key. */
    private ObjectNode payload(int depth) {
        ObjectNode p = FuzzGen.NODES.objectNode();
        for (int i = 0, n = g.between(0, 4); i < n; i++) {
            String key = g.chance(70) ? g.pick("course", "plan", "n", "list", "ταγ") : g.text(30);
            if (WebhookPayloads.RESERVED_KEYS.contains(key)) {
                continue;
            }
            switch (depth < 4 ? g.nextInt(5) : g.nextInt(3)) {
                case 0 -> p.put(key, g.random.nextLong());
                case 1 -> p.put(key, g.random.nextBoolean());
                case 2 -> p.put(key, template(true));
                case 3 -> p.set(key, payload(depth + 1));
                default -> p.putArray(key).add(template(false)).add(g.random.nextInt()).add(payload(depth + 1));
            }
        }
        return p;
    }

    /** The first {@code max} code points of a template, without cutting a merge field in two. */
    private static String limit(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, max));
        int open = cut.lastIndexOf('{');
        return open > cut.lastIndexOf('}') ? cut.substring(0, open) : cut;
    }

    private String address() {
        return g.pick("x@y.test", "first.last+tag@sub.example.test", "ü@ü.test",
                "a".repeat(64) + "@" + "b".repeat(180) + ".test", "u" + g.between(1, 99) + ".x+y@" + "dömain" + g.between(1, 99) + ".test");
    }

    /** A subject (no CR/LF) or body whose braces are only merge fields. */
    private String template(boolean body) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = g.between(1, 5); i < n; i++) {
            if (g.chance(40)) {
                s.append(g.pick(withoutEvent ? MERGE_FIELDS_WITHOUT_EVENT : MERGE_FIELDS));
            } else {
                String part = g.chance(80) ? g.text(60) : g.anyText(60);
                s.append(part.replace("{", "(").replace("}", ")").replace('\u0000', '\u0001'));
            }
        }
        if (g.chance(5)) {
            s.append(g.pick("{", "}", "}{", "{{user.firstName}}"));
        }
        if (g.chance(3)) {
            s.append("x".repeat(g.pick(2_000, 20_000)));
        }
        String text = s.toString();
        return body ? text : text.replace("\r", " ").replace("\n", " ");
    }

    /**
     * Text that may hold control characters, but not NUL: every body refuses NUL anywhere (a
     * PostgreSQL text column cannot keep it), so a valid document never has one.
     */
    private String anyTextButNul(int max) {
        return g.anyText(max).replace('\u0000', '\u0001');
    }

    Duration duration() {
        return switch (g.nextInt(4)) {
            case 0 -> Duration.ofNanos(g.random.nextLong(1, DefinitionParser.MAX_WAIT.toNanos()));
            case 1 -> Duration.ofSeconds(g.random.nextLong(1, DefinitionParser.MAX_WAIT.getSeconds()));
            case 2 -> g.pick(Duration.ofNanos(1), Duration.ofHours(1), Duration.ofDays(2), DefinitionParser.MAX_WAIT);
            default -> Duration.ofMinutes(g.between(1, 100_000));
        };
    }

    // ---- events, users, courses (JSON bodies) ----

    /**
     * The nasty strings a body can carry: a lone surrogate makes the whole body unreadable (a 400
     * for the body, before any field is read), so an event holding one is refused at no field.
     */
    private static final List<String> READABLE_NASTY = FuzzGen.NASTY.stream()
            .filter(v -> !TextRules.hasLoneSurrogate(v)).toList();

    /** A valid event of a random type for one of the users (now and then an out-of-range or malformed time). */
    ObjectNode event(String id, List<String> userIds, List<String> courseIds) {
        String type = g.pick("user.signed_up", "user.enrolled", "user.unenrolled", "course.completed",
                "certificate.awarded", "course.previewed", "form.submitted", "tags.added", "tags.removed",
                "coupon.claimed");
        ObjectNode e = FuzzGen.NODES.objectNode().put("id", id).put("type", type);
        boolean needsUser = !type.equals("form.submitted") || g.chance(50);
        if (needsUser) {
            e.put("userId", type.equals("user.signed_up") && g.chance(50) ? "new-" + g.between(1, 50) : g.pick(userIds));
        }
        if (g.chance(40)) {
            e.put("occurredAt", g.chance(80) ? instant().toString() : g.pick(READABLE_NASTY));
        }
        switch (type) {
            case "user.signed_up" -> e.set("user", user(true));
            case "user.enrolled", "course.completed", "course.previewed" -> e.put("courseId", g.pick(courseIds));
            case "user.unenrolled" -> e.put("courseId", g.pick(courseIds)).put("reason", g.pick(REASONS));
            case "certificate.awarded" -> e.put("courseId", g.pick(courseIds)).put("certificateId", g.id());
            case "form.submitted" -> {
                e.put("formId", g.id());
                if (!needsUser) {
                    e.set("fields", fields().put("email", "lead-" + g.between(1, 5) + "@x.test"));
                }
            }
            case "tags.added", "tags.removed" -> {
                ArrayNode tags = e.putArray("tags");
                list(this::tag, 1, 4).forEach(tags::add);
            }
            case "coupon.claimed" -> e.put("couponCode", g.text(128));
            default -> throw new IllegalStateException(type);
        }
        if (g.chance(40) && !e.has("fields")) {
            e.set("fields", fields());
        }
        return e;
    }

    /** A valid user body (the sync), or the {@code user} object of a sign-up. */
    ObjectNode user(boolean signUp) {
        ObjectNode u = FuzzGen.NODES.objectNode();
        if (signUp || g.chance(80)) {
            u.put("email", g.pick("ann", "b.o+b", "ü", "x") + g.between(1, 9) + "@" + g.pick("corp.test", "CORP.test", "ταγ.test"));
        }
        if (g.chance(60)) {
            u.put("firstName", g.text(100));
        }
        if (g.chance(40)) {
            u.put("lastName", g.text(100));
        }
        if (!signUp) {
            if (g.chance(50)) {
                u.put("role", g.pick("learner", "instructor", "admin", "lead"));
            }
            if (g.chance(40)) {
                u.put("registeredAt", instant().toString());
            }
            if (g.chance(40)) {
                u.put("source", g.text(200));
            }
            if (g.chance(30)) {
                u.put("timezone", g.pick("Europe/Athens", "UTC", "America/Argentina/Buenos_Aires", "+05:30"));
            }
            if (g.chance(50)) {
                ArrayNode tags = u.putArray("tags");
                list(this::tag, 0, 4).forEach(tags::add);
            }
            if (g.chance(50)) {
                u.set("fields", fields());
            }
        }
        return u;
    }

    /** Custom fields: scalars, values may hold any text (control characters but NUL included). */
    ObjectNode fields() {
        ObjectNode f = FuzzGen.NODES.objectNode();
        for (int i = 0, n = g.between(0, 4); i < n; i++) {
            String name = g.chance(60) ? g.pick("company", "plan", "score", "ταγ") : g.text(30);
            switch (g.nextInt(4)) {
                case 0 -> f.put(name, g.random.nextLong());
                case 1 -> f.put(name, g.random.nextBoolean());
                case 2 -> f.put(name, anyTextButNul(300));
                default -> f.put(name, g.text(50));
            }
        }
        return f;
    }

    ObjectNode course() {
        ObjectNode c = FuzzGen.NODES.objectNode().put("title", g.text(200));
        if (g.chance(70)) {
            c.put("paid", g.random.nextBoolean());
        }
        return c;
    }
}
