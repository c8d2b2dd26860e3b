package com.userautomations.bench;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStatus;
import com.userautomations.automation.Condition;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.Reentry;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.UserSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A school-shaped workload for the engine benchmarks: each school has its own courses, forms,
 * coupons and tags; automations are the kinds admins write (a trigger with one or two filter
 * values, zero to two condition leaves, a nesting now and then); events are drawn from the same
 * pools, so some match and most do not, as in a real school.
 */
public final class BenchWorkload {
    /** Event triggers: user.inactive runs come from the inactivity scan, not from events. */
    private static final TriggerType[] TRIGGERS = java.util.Arrays.stream(TriggerType.values())
            .filter(t -> t != TriggerType.USER_INACTIVE).toArray(TriggerType[]::new);
    private static final List<Action> ACTIONS = List.of(Action.tags(ActionType.ADD_TAGS, List.of("done")));

    public final int automations;
    public final int schools;
    public final Map<String, List<CompiledAutomation>> bySchool = new HashMap<>();
    public final List<Template> events = new ArrayList<>();

    /** The parts of an event; {@link #fact()} makes a fresh fact (matches are recorded on it). */
    public record Template(String schoolId, String type, String courseId, String formId, String couponCode,
                           String reason, Set<String> tagsAdded, Set<String> tagsRemoved, Map<String, String> fields,
                           UserSnapshot user) {
        public EventFact fact() {
            return new EventFact(schoolId, type, courseId, formId, couponCode, null, reason, tagsAdded, tagsRemoved,
                    fields, user);
        }

        public Template withSchool(String school) {
            return new Template(school, type, courseId, formId, couponCode, reason, tagsAdded, tagsRemoved, fields, user);
        }
    }

    public BenchWorkload(int automations, int schools, int eventCount, long seed) {
        this.automations = automations;
        this.schools = schools;
        Random random = new Random(seed);
        for (int i = 0; i < automations; i++) {
            String school = school(i % schools);
            bySchool.computeIfAbsent(school, s -> new ArrayList<>())
                    .add(new CompiledAutomation("a" + i, 1, definition(random)));
        }
        for (int i = 0; i < eventCount; i++) {
            events.add(event(random, school(random.nextInt(schools))));
        }
    }

    /** "10000:500": automations and schools. */
    public static BenchWorkload parse(String size, int eventCount, long seed) {
        String[] parts = size.split(":");
        return new BenchWorkload(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), eventCount, seed);
    }

    static String school(int i) {
        return "school-" + i;
    }

    private static AutomationDefinition definition(Random r) {
        TriggerType type = TRIGGERS[r.nextInt(TRIGGERS.length)];
        List<String> courses = List.of();
        List<String> forms = List.of();
        List<String> coupons = List.of();
        List<String> tags = List.of();
        List<String> reasons = List.of();
        switch (type) {
            case USER_ENROLLED, USER_UNENROLLED, COURSE_COMPLETED, CERTIFICATE_AWARDED, COURSE_PREVIEWED ->
                    courses = pick(r, "c", 40, 1 + (r.nextInt(4) == 0 ? 1 : 0));
            case FORM_SUBMITTED -> forms = pick(r, "f", 20, 1);
            case COUPON_CLAIMED -> coupons = pick(r, "K", 20, 1);
            case TAGS_ADDED, TAGS_REMOVED -> tags = pick(r, "t", 60, 1 + r.nextInt(3));
            default -> {
            }
        }
        Trigger trigger = new Trigger(type, courses, reasons, forms, coupons, tags);
        Condition conditions = switch (r.nextInt(6)) {
            case 0, 1 -> null;
            case 2 -> new Condition.HasTags(pick(r, "t", 60, 1));
            case 3 -> new Condition.All(List.of(new Condition.EmailDomain(List.of("corp" + r.nextInt(5) + ".test")),
                    new Condition.RegisteredAfter(Instant.parse("2026-0" + (1 + r.nextInt(9)) + "-01T00:00:00Z"))));
            case 4 -> new Condition.Any(List.of(new Condition.EnrolledIn(pick(r, "c", 40, 1)),
                    new Condition.Not(new Condition.HasAnyTag(pick(r, "t", 60, 2)))));
            default -> new Condition.Field("user.fields.seats", FieldOp.GT, String.valueOf(r.nextInt(200)));
        };
        return new AutomationDefinition("bench", AutomationStatus.ACTIVE, List.of(trigger), conditions, ACTIONS,
                Reentry.EVERY_TIME);
    }

    private static Template event(Random r, String school) {
        TriggerType type = TRIGGERS[r.nextInt(TRIGGERS.length)];
        Set<String> userTags = new HashSet<>(pick(r, "t", 60, r.nextInt(6)));
        Set<String> added = Set.of();
        Set<String> removed = Set.of();
        if (type == TriggerType.TAGS_ADDED) {
            added = Set.copyOf(pick(r, "t", 60, 1));
            userTags.addAll(added);
        } else if (type == TriggerType.TAGS_REMOVED) {
            removed = Set.copyOf(pick(r, "t", 60, 1));
            userTags.removeAll(removed);
        }
        Set<String> courses = Set.copyOf(pick(r, "c", 40, r.nextInt(4)));
        UserSnapshot user = new UserSnapshot("u" + r.nextInt(100_000), "x@corp" + r.nextInt(8) + ".test",
                "corp" + r.nextInt(8) + ".test", "learner", "ads",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(300) * 86_400L), Set.copyOf(userTags),
                courses, Set.of(), Set.of(), Map.of("seats", String.valueOf(r.nextInt(300))));
        return new Template(school, type.wireName(), "c" + r.nextInt(40), "f" + r.nextInt(20), "K" + r.nextInt(20),
                "expired", added, removed, Map.of(), user);
    }

    private static List<String> pick(Random r, String prefix, int pool, int n) {
        Set<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < n) {
            out.add(prefix + r.nextInt(pool));
        }
        return List.copyOf(out);
    }
}
