package com.userautomations.compile;

import com.userautomations.automation.Condition;
import com.userautomations.automation.Role;
import com.userautomations.automation.Step;
import com.userautomations.automation.StepTree;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders an automation as DRL text: the same rules {@link AutomationCompiler} builds, in the
 * form analysts read and write. Structure comes from closed enums; every user value (and the
 * rule name) goes through {@link #literal(String)}, so user text is only ever a DRL string
 * literal.
 */
public final class DrlRenderer {
    private static final String HEADER = "package " + AutomationCompiler.RULE_PACKAGE + ";\n\n"
            + "import com.userautomations.engine.EventFact;\n"
            + "import com.userautomations.engine.Predicates;\n";

    private DrlRenderer() {
    }

    /** A complete DRL file with this automation's rules. */
    public static String render(CompiledAutomation a) {
        return HEADER + rules(a);
    }

    /** One DRL file with the rules of several automations (ids must differ). */
    public static String render(Collection<CompiledAutomation> automations) {
        StringBuilder drl = new StringBuilder(HEADER);
        automations.forEach(a -> drl.append(rules(a)));
        return drl.toString();
    }

    private static String rules(CompiledAutomation a) {
        List<Trigger> triggers = a.definition().triggers();
        List<Condition> conjuncts = ConditionPredicates.conjuncts(a.definition().conditions());
        StringBuilder drl = new StringBuilder();
        for (int i = 0; i < triggers.size(); i++) {
            List<String> constraints = triggerConstraints(triggers.get(i));
            conjuncts.forEach(c -> constraints.add(condition(c)));
            drl.append("\nrule ").append(literal(AutomationCompiler.ruleName(a.automationId(), a.version(), i)))
                    .append("\nwhen\n    $e : EventFact(\n        ")
                    .append(String.join(",\n        ", constraints))
                    .append("\n    )\nthen\n    $e.addMatch(").append(literal(a.automationId())).append(", ")
                    .append(a.version()).append(");\nend\n");
        }
        for (StepTree.Node n : StepTree.of(a.definition().steps()).nodes()) {
            if (n.step() instanceof Step.WaitFor w) {
                drl.append("\nrule ").append(literal(AutomationCompiler.waitRuleName(a.automationId(), a.version(),
                                n.path())))
                        .append("\nwhen\n    $e : EventFact(\n        ")
                        .append(String.join(",\n        ", triggerConstraints(w.event())))
                        .append("\n    )\nthen\n    $e.addWait(").append(literal(a.automationId())).append(", ")
                        .append(a.version()).append(", ").append(literal(n.path())).append(");\nend\n");
            }
        }
        flowConditions(a).forEach((path, c) -> {
            List<String> constraints = new ArrayList<>();
            ConditionPredicates.conjuncts(c).forEach(x -> constraints.add(condition(x)));
            drl.append("\nquery ").append(literal(AutomationCompiler.stepQueryName(a.automationId(), a.version(), path)))
                    .append("\n    $e : EventFact(\n        ")
                    .append(String.join(",\n        ", constraints))
                    .append("\n    )\nend\n");
        });
        return drl.toString();
    }

    /**
     * The condition trees a run evaluates when it gets there, by step path (and exitWhen), each
     * rendered as a query: queries never fire, so the text stays inert if loaded among rules.
     */
    public static Map<String, Condition> flowConditions(CompiledAutomation a) {
        Map<String, Condition> out = new LinkedHashMap<>();
        for (StepTree.Node n : StepTree.of(a.definition().steps()).nodes()) {
            if (n.step() instanceof Step.If f) {
                out.put(n.path(), f.conditions());
            }
        }
        if (a.definition().exitWhen() != null) {
            out.put("exitWhen", a.definition().exitWhen());
        }
        return out;
    }

    private static List<String> triggerConstraints(Trigger t) {
        List<String> out = new ArrayList<>();
        out.add("type == " + literal(t.type().wireName()));
        oneOf(out, "courseId", t.eventCourseIds());
        oneOf(out, "reason", t.reasons());
        oneOf(out, "formId", t.formIds());
        oneOf(out, "couponCode", t.couponCodes());
        boolean added = t.type() == TriggerType.TAGS_ADDED;
        if (added || t.type() == TriggerType.TAGS_REMOVED) {
            String changed = added ? "tagsAdded" : "tagsRemoved";
            if (t.tags().isEmpty()) {
                out.add(call("notEmpty", changed, List.of()));
            } else {
                out.add(call("containsAny", changed, t.tags()));
                out.add(call(added ? "containsAll" : "containsNone", "user.tags", t.tags()));
            }
        }
        return out;
    }

    private static void oneOf(List<String> out, String property, List<String> values) {
        if (values.size() == 1) {
            out.add(property + " == " + literal(values.get(0)));
        } else if (values.size() > 1) {
            out.add(call("in", property, values));
        }
    }

    private static String condition(Condition c) {
        if (c instanceof Condition.All all) {
            return all.conditions().stream().map(DrlRenderer::condition).collect(Collectors.joining(" && ", "(", ")"));
        } else if (c instanceof Condition.Any any) {
            return any.conditions().stream().map(DrlRenderer::condition).collect(Collectors.joining(" || ", "(", ")"));
        } else if (c instanceof Condition.Not not) {
            return "!(" + condition(not.condition()) + ")";
        }
        return leaf(c);
    }

    private static String leaf(Condition c) {
        if (c instanceof Condition.RegisteredBefore r) {
            return "Predicates.before(user.registeredAt, Predicates.instant(" + literal(r.date().toString()) + "))";
        } else if (c instanceof Condition.RegisteredAfter r) {
            return "Predicates.after(user.registeredAt, Predicates.instant(" + literal(r.date().toString()) + "))";
        } else if (c instanceof Condition.HasTags h) {
            return call("containsAll", "user.tags", h.tags());
        } else if (c instanceof Condition.HasAnyTag h) {
            return call("containsAny", "user.tags", h.tags());
        } else if (c instanceof Condition.EmailDomain d) {
            return call("emailDomainIn", "user.emailDomain", d.domains());
        } else if (c instanceof Condition.RoleIn r) {
            return call("in", "user.role", r.roles().stream().map(Role::wireName).toList());
        } else if (c instanceof Condition.SourceIn s) {
            return call("in", "user.source", s.sources());
        } else if (c instanceof Condition.EnrolledIn e) {
            return call("containsAny", "user.courseIds", e.courseIds());
        } else if (c instanceof Condition.CompletedCourse cc) {
            return call("containsAny", "user.completedCourseIds", cc.courseIds());
        } else if (c instanceof Condition.InSpace s) {
            return call("containsAny", "user.spaceIds", s.spaceIds());
        } else if (c instanceof Condition.Field f) {
            return field(f);
        } else if (c instanceof Condition.Decision d) {
            return call("decisionEquals", "this", List.of(d.model(), d.decision(), d.equals().kind().wireName(),
                    d.equals().text()));
        }
        throw new IllegalArgumentException("unknown condition " + c.getClass().getSimpleName());
    }

    private static String field(Condition.Field f) {
        String fields = f.onUser() ? "user.fields" : "fields";
        String method;
        switch (f.op()) {
            case EQUALS -> method = "fieldEquals";
            case NOT_EQUALS -> method = "fieldNotEquals";
            case CONTAINS -> method = "fieldContains";
            case STARTS_WITH -> method = "fieldStartsWith";
            case EXISTS -> method = "fieldExists";
            case GT -> method = "fieldGt";
            case LT -> method = "fieldLt";
            default -> throw new IllegalArgumentException(f.op().name());
        }
        List<String> args = f.value() == null ? List.of(f.name()) : List.of(f.name(), f.value());
        return call(method, fields, args);
    }

    /** {@code Predicates.method(subject, "v1", "v2", ...)}; subject is one of our fixed property paths. */
    private static String call(String method, String subject, List<String> values) {
        StringBuilder s = new StringBuilder("Predicates.").append(method).append('(').append(subject);
        values.forEach(v -> s.append(", ").append(literal(v)));
        return s.append(')').toString();
    }

    /**
     * The one escaping function: a DRL (and Java) string literal whose value is exactly
     * {@code value}. Backslash, quote and line breaks are escaped; every other character outside
     * printable ASCII becomes a backslash-u escape. '$' and '#' are written as backslash-u escapes too,
     * so no {@code ${...}} or {@code #{...}} sequence ever appears in the text for a template
     * engine to interpret.
     */
    public static String literal(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E || c == '$' || c == '#') {
                        s.append(String.format("\\u%04X", (int) c)); // upper-case hex: MVEL refuses a-f
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
