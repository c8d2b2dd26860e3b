package com.userautomations.compile;

import com.userautomations.automation.Condition;
import com.userautomations.automation.DefinitionJson;
import com.userautomations.automation.Role;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Predicates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a condition tree into Java predicates over the event fact. Values are captured as data
 * (arrays of strings, instants), never as code.
 */
final class ConditionPredicates {
    private ConditionPredicates() {
    }

    /**
     * The conjuncts of the tree: the children of nested top-level {@code all}s, each of which
     * becomes its own constraint (so that identical leaves are shared between rules).
     */
    static List<Condition> conjuncts(Condition root) {
        List<Condition> out = new ArrayList<>();
        if (root != null) {
            addConjuncts(root, out);
        }
        return out;
    }

    private static void addConjuncts(Condition c, List<Condition> out) {
        if (c instanceof Condition.All all) {
            all.conditions().forEach(x -> addConjuncts(x, out));
        } else {
            out.add(c);
        }
    }

    /** The constraint's identity for Drools node sharing: the canonical JSON of the subtree, values included. */
    static String exprId(Condition c) {
        return "if " + DefinitionJson.condition(c);
    }

    static Predicate<EventFact> of(Condition c) {
        if (c instanceof Condition.All all) {
            List<Predicate<EventFact>> parts = all.conditions().stream().map(ConditionPredicates::of).toList();
            return e -> {
                for (Predicate<EventFact> p : parts) {
                    if (!p.test(e)) {
                        return false;
                    }
                }
                return true;
            };
        } else if (c instanceof Condition.Any any) {
            List<Predicate<EventFact>> parts = any.conditions().stream().map(ConditionPredicates::of).toList();
            return e -> {
                for (Predicate<EventFact> p : parts) {
                    if (p.test(e)) {
                        return true;
                    }
                }
                return false;
            };
        } else if (c instanceof Condition.Not not) {
            return of(not.condition()).negate();
        }
        return leaf(c);
    }

    private static Predicate<EventFact> leaf(Condition c) {
        if (c instanceof Condition.RegisteredBefore r) {
            return e -> Predicates.before(e.getUser().registeredAt(), r.date());
        } else if (c instanceof Condition.RegisteredAfter r) {
            return e -> Predicates.after(e.getUser().registeredAt(), r.date());
        } else if (c instanceof Condition.HasTags h) {
            String[] tags = array(h.tags());
            return e -> Predicates.containsAll(e.getUser().tags(), tags);
        } else if (c instanceof Condition.HasAnyTag h) {
            String[] tags = array(h.tags());
            return e -> Predicates.containsAny(e.getUser().tags(), tags);
        } else if (c instanceof Condition.EmailDomain d) {
            String[] domains = array(d.domains());
            return e -> Predicates.emailDomainIn(e.getUser().emailDomain(), domains);
        } else if (c instanceof Condition.RoleIn r) {
            String[] roles = r.roles().stream().map(Role::wireName).toArray(String[]::new);
            return e -> Predicates.in(e.getUser().role(), roles);
        } else if (c instanceof Condition.SourceIn s) {
            String[] sources = array(s.sources());
            return e -> Predicates.in(e.getUser().source(), sources);
        } else if (c instanceof Condition.EnrolledIn en) {
            String[] ids = array(en.courseIds());
            return e -> Predicates.containsAny(e.getUser().courseIds(), ids);
        } else if (c instanceof Condition.CompletedCourse cc) {
            String[] ids = array(cc.courseIds());
            return e -> Predicates.containsAny(e.getUser().completedCourseIds(), ids);
        } else if (c instanceof Condition.InSpace s) {
            String[] ids = array(s.spaceIds());
            return e -> Predicates.containsAny(e.getUser().spaceIds(), ids);
        } else if (c instanceof Condition.Field f) {
            return field(f);
        } else if (c instanceof Condition.Decision d) {
            String model = d.model();
            String decision = d.decision();
            String kind = d.equals().kind().wireName();
            String expected = d.equals().text();
            return e -> Predicates.decisionEquals(e, model, decision, kind, expected);
        }
        throw new IllegalArgumentException("unknown condition " + c.getClass().getSimpleName());
    }

    private static Predicate<EventFact> field(Condition.Field f) {
        String name = f.name();
        String value = f.value();
        boolean onUser = f.onUser();
        Function<EventFact, Map<String, String>> fields =
                onUser ? e -> e.getUser().fields() : EventFact::getFields;
        switch (f.op()) {
            case EQUALS:
                return e -> Predicates.fieldEquals(fields.apply(e), name, value);
            case NOT_EQUALS:
                return e -> Predicates.fieldNotEquals(fields.apply(e), name, value);
            case CONTAINS:
                return e -> Predicates.fieldContains(fields.apply(e), name, value);
            case STARTS_WITH:
                return e -> Predicates.fieldStartsWith(fields.apply(e), name, value);
            case EXISTS:
                return e -> Predicates.fieldExists(fields.apply(e), name);
            case GT:
                return e -> Predicates.fieldGt(fields.apply(e), name, value);
            case LT:
                return e -> Predicates.fieldLt(fields.apply(e), name, value);
            default:
                throw new IllegalArgumentException(f.op().name());
        }
    }

    static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
