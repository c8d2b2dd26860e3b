package com.userautomations.compile;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStatus;
import com.userautomations.automation.Condition;
import com.userautomations.automation.DecisionValue;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.Reentry;
import com.userautomations.automation.Role;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.automation.UnenrollReason;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.EventFactBuilder;
import com.userautomations.engine.UserSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random automations and events over small value pools, so that many events match, with
 * injection strings mixed into every pool that allows them.
 */
final class RandomAutomations {
    static final List<String> COURSES = List.of("c1", "c2", "c3", "c4");
    static final List<String> FORMS = List.of("f1", "f2", "f3");
    static final List<String> COUPONS = List.of("BF2026", "XMAS", "\"); System.exit(1); //");
    static final List<String> TAGS = List.of("t1", "t2", "t3", "t4", "vip", "${java.lang.Runtime}", "#{1+1}",
            "ταγ ✓ 🎓", "back\\slash", "rule \"x\" when then end");
    static final List<String> DOMAINS = List.of("corp.test", "CORP.test", "edu.test", "ταγ.test");
    static final List<String> SOURCES = List.of("facebook-ads", "google", "${x}", "\"quoted\"");
    static final List<String> SPACES = List.of("s1", "s2", "s3");
    static final List<String> FIELD_NAMES = List.of("company", "score", "plan", "na\"me", "ταγ");
    static final List<String> FIELD_VALUES = List.of("Corp", "corp", "Corporate", "100", "99", "1e3", "-5", "abc",
            "", "#{1+1}", "2", "line\nbreak", "back\\slash");
    static final List<Instant> DATES = List.of(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"));
    static final List<TriggerType> TRIGGER_TYPES = List.of(TriggerType.values());
    static final List<String> REASONS = Arrays.stream(UnenrollReason.values()).map(UnenrollReason::wireName).toList();
    private static final List<Action> ACTIONS = List.of(Action.tags(ActionType.ADD_TAGS, List.of("done")));

    private final Random random;

    RandomAutomations(long seed) {
        random = new Random(seed);
    }

    AutomationDefinition definition() {
        List<Trigger> triggers = new ArrayList<>();
        int n = random.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            triggers.add(trigger(pick(TRIGGER_TYPES)));
        }
        Condition conditions = random.nextInt(5) == 0 ? null : condition(1);
        if (triggers.stream().anyMatch(t -> t.type() == TriggerType.USER_INACTIVE)) {
            conditions = withoutEventFields(conditions); // such an automation refuses them at save
        }
        return new AutomationDefinition("random", AutomationStatus.ACTIVE, triggers, conditions, ACTIONS,
                Reentry.EVERY_TIME);
    }

    /** The tree with every event.fields path read from user.fields instead. */
    static Condition withoutEventFields(Condition c) {
        if (c instanceof Condition.All all) {
            return new Condition.All(all.conditions().stream().map(RandomAutomations::withoutEventFields).toList());
        }
        if (c instanceof Condition.Any any) {
            return new Condition.Any(any.conditions().stream().map(RandomAutomations::withoutEventFields).toList());
        }
        if (c instanceof Condition.Not not) {
            return new Condition.Not(withoutEventFields(not.condition()));
        }
        if (c instanceof Condition.Field f && f.path().startsWith(Condition.Field.EVENT_PREFIX)) {
            return new Condition.Field(Condition.Field.USER_PREFIX + f.path().substring(Condition.Field.EVENT_PREFIX.length()),
                    f.op(), f.value());
        }
        return c;
    }

    private Trigger trigger(TriggerType type) {
        List<String> courses = List.of();
        List<String> reasons = List.of();
        List<String> forms = List.of();
        List<String> coupons = List.of();
        List<String> tags = List.of();
        switch (type) {
            case USER_ENROLLED, COURSE_COMPLETED, CERTIFICATE_AWARDED, COURSE_PREVIEWED, USER_VISITED ->
                    courses = filter(COURSES);
            case USER_INACTIVE -> {
                return Trigger.inactive(1 + random.nextInt(365), filter(COURSES));
            }
            case USER_UNENROLLED -> {
                courses = filter(COURSES);
                reasons = filter(REASONS);
            }
            case FORM_SUBMITTED -> forms = filter(FORMS);
            case COUPON_CLAIMED -> coupons = filter(COUPONS);
            case TAGS_ADDED, TAGS_REMOVED -> tags = filter(TAGS);
            default -> {
            }
        }
        return new Trigger(type, courses, reasons, forms, coupons, tags);
    }

    /** Empty (any) half of the time, else one or two values. */
    private List<String> filter(List<String> pool) {
        return random.nextBoolean() ? List.of() : some(pool, 1 + random.nextInt(2));
    }

    /** A random condition tree, as the top-level conditions of {@link #definition()} are. */
    Condition condition() {
        return condition(1);
    }

    private Condition condition(int depth) {
        if (depth < 3 && random.nextInt(10) < 4) {
            int kind = random.nextInt(3);
            if (kind == 2) {
                return new Condition.Not(condition(depth + 1));
            }
            List<Condition> children = new ArrayList<>();
            for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
                children.add(condition(depth + 1));
            }
            return kind == 0 ? new Condition.All(children) : new Condition.Any(children);
        }
        return leaf();
    }

    private Condition leaf() {
        switch (random.nextInt(12)) {
            case 10:
                return decision();
            case 0:
                return new Condition.RegisteredBefore(pick(DATES));
            case 1:
                return new Condition.RegisteredAfter(pick(DATES));
            case 2:
                return new Condition.HasTags(some(TAGS, 1 + random.nextInt(2)));
            case 3:
                return new Condition.HasAnyTag(some(TAGS, 1 + random.nextInt(3)));
            case 4:
                return new Condition.EmailDomain(some(DOMAINS, 1 + random.nextInt(2)));
            case 5:
                return new Condition.RoleIn(some(List.of(Role.values()), 1 + random.nextInt(2)));
            case 6:
                return new Condition.SourceIn(some(SOURCES, 1 + random.nextInt(2)));
            case 7:
                return new Condition.EnrolledIn(some(COURSES, 1 + random.nextInt(2)));
            case 8:
                return new Condition.CompletedCourse(some(COURSES, 1 + random.nextInt(2)));
            case 9:
                return new Condition.InSpace(some(SPACES, 1 + random.nextInt(2)));
            default:
                FieldOp op = pick(List.of(FieldOp.values()));
                String path = (random.nextBoolean() ? "user.fields." : "event.fields.") + pick(FIELD_NAMES);
                return new Condition.Field(path, op, op == FieldOp.EXISTS ? null : pick(FIELD_VALUES));
        }
    }

    /** A decision leaf over {@link #DECIDER}'s decisions, expecting values it does and does not give. */
    private Condition decision() {
        switch (random.nextInt(4)) {
            case 0:
                return new Condition.Decision("segments", "Segment", DecisionValue.string("s:" + pick(SOURCES)));
            case 1:
                return new Condition.Decision("segments", "Tag count",
                        new DecisionValue(DecisionValue.Kind.NUMBER, String.valueOf(random.nextInt(4))));
            case 2:
                return new Condition.Decision("flags", "VIP", new DecisionValue(DecisionValue.Kind.BOOLEAN,
                        String.valueOf(random.nextBoolean())));
            default:
                return new Condition.Decision("flags", "Nothing", DecisionValue.string(""));
        }
    }

    /**
     * Stands in for DMN models in engine tests: each decision is a plain function of the fact
     * (a text, a number given as a double, a boolean, and one that never has a result).
     */
    static final Decider DECIDER = (model, decision, fact) -> switch (model + "/" + decision) {
        case "segments/Segment" -> "s:" + fact.getUser().source();
        case "segments/Tag count" -> (double) fact.getUser().tags().size();
        case "flags/VIP" -> fact.getUser().tags().contains(TAGS.get(0));
        default -> null;
    };

    /** An event of the school; its user snapshot already reflects the event's change. */
    EventFact event(String schoolId) {
        TriggerType type = pick(TRIGGER_TYPES);
        Set<String> tags = subset(TAGS, 0.35);
        Set<String> added = Set.of();
        Set<String> removed = Set.of();
        if (type == TriggerType.TAGS_ADDED) {
            added = subset(TAGS, 0.2);
            tags.addAll(added);
        } else if (type == TriggerType.TAGS_REMOVED) {
            removed = subset(TAGS, 0.2);
            tags.removeAll(removed);
        }
        Set<String> completed = subset(COURSES, 0.25);
        Set<String> enrolled = subset(COURSES, 0.4);
        enrolled.addAll(completed);
        String email = "u@" + pick(DOMAINS);
        UserSnapshot user = new UserSnapshot("u" + random.nextInt(1000), email, UserSnapshot.domainOf(email),
                pick(List.of(Role.values())).wireName(), pick(SOURCES),
                random.nextInt(10) == 0 ? null : DATES.get(0).plusSeconds(random.nextInt(200 * 86_400)), tags,
                enrolled, completed, subset(SPACES, 0.4), fields());
        // a visit may be to the school only; an inactivity run names its one course or none
        boolean mayNameNone = type == TriggerType.USER_VISITED || type == TriggerType.USER_INACTIVE;
        String course = mayNameNone && random.nextBoolean() ? null : pick(COURSES);
        return new EventFactBuilder().schoolId(schoolId).type(type.wireName()).courseId(course)
                .reason(pick(REASONS)).formId(pick(FORMS)).couponCode(pick(COUPONS)).tagsAdded(added)
                .tagsRemoved(removed).fields(fields()).user(user).build();
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>();
        for (String name : FIELD_NAMES) {
            if (random.nextInt(10) < 6) {
                fields.put(name, random.nextInt(20) == 0 ? null : pick(FIELD_VALUES));
            }
        }
        return fields;
    }

    private <T> T pick(List<T> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private <T> List<T> some(List<T> pool, int n) {
        List<T> copy = new ArrayList<>(pool);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
    }

    private Set<String> subset(List<String> pool, double p) {
        Set<String> out = new HashSet<>();
        for (String s : pool) {
            if (random.nextDouble() < p) {
                out.add(s);
            }
        }
        return out;
    }
}
