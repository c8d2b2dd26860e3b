package com.userautomations.automation;

import com.userautomations.common.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds course and space ids an automation names that the school does not have, with the
 * path of each, so the 422 points at the field.
 */
final class References {
    private References() {
    }

    static List<FieldError> missing(AutomationDefinition d, Predicate<String> courseExists, Predicate<String> spaceExists) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.triggers().size(); i++) {
            check(errors, "triggers[" + i + "].courseIds", d.triggers().get(i).courseIds(), courseExists, "course");
        }
        conditionTrees(d).forEach((path, c) -> condition(errors, path, c, courseExists, spaceExists));
        for (StepTree.Node n : StepTree.of(d.steps()).nodes()) {
            if (n.step() instanceof Step.Act act) {
                Action a = act.action();
                check(errors, n.path() + ".courseIds", a.courseIds(), courseExists, "course");
                check(errors, n.path() + ".spaceIds", a.spaceIds(), spaceExists, "space");
            } else if (n.step() instanceof Step.WaitFor w) {
                check(errors, n.path() + ".event.courseIds", w.event().courseIds(), courseExists, "course");
            }
        }
        return errors;
    }

    /** The webhook endpoints send_webhook actions name that the school does not have, at each action's field. */
    static List<FieldError> missingWebhooks(AutomationDefinition d, String schoolId, WebhookCheck check) {
        List<String> named = d.actions().stream().filter(a -> a.type() == ActionType.SEND_WEBHOOK)
                .map(Action::webhookId).toList();
        if (named.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> missing = check.missing(schoolId, named);
        List<FieldError> errors = new ArrayList<>();
        for (StepTree.Node n : StepTree.of(d.steps()).nodes()) {
            if (n.step() instanceof Step.Act act && act.action().type() == ActionType.SEND_WEBHOOK
                    && missing.contains(act.action().webhookId())) {
                errors.add(new FieldError(n.path() + ".webhookId", "no webhook endpoint '" + act.action().webhookId()
                        + "' in this school"));
            }
        }
        return errors;
    }

    /** The DMN decisions the automation names that its school cannot use, with the path of each. */
    static List<FieldError> missingDecisions(AutomationDefinition d, String schoolId, DecisionCheck check) {
        List<FieldError> errors = new ArrayList<>();
        conditionTrees(d).forEach((path, c) -> decisions(errors, path, c, schoolId, check));
        for (StepTree.Node n : StepTree.of(d.steps()).nodes()) {
            if (n.step() instanceof Step.Act act && act.action().type() == ActionType.ADD_TAG_FROM_DECISION) {
                decision(errors, n.path(), act.action().model(), act.action().decision(), schoolId, check);
            }
        }
        return errors;
    }

    /** Every condition tree of the automation by its path: conditions, the steps' in path order, exitWhen. */
    private static Map<String, Condition> conditionTrees(AutomationDefinition d) {
        Map<String, Condition> trees = new LinkedHashMap<>();
        if (d.conditions() != null) {
            trees.put("conditions", d.conditions());
        }
        for (StepTree.Node n : StepTree.of(d.steps()).nodes()) {
            if (n.step() instanceof Step.If f) {
                trees.put(n.path() + ".conditions", f.conditions());
            }
        }
        if (d.exitWhen() != null) {
            trees.put("exitWhen", d.exitWhen());
        }
        return trees;
    }

    private static void decisions(List<FieldError> errors, String path, Condition c, String schoolId,
                                  DecisionCheck check) {
        if (c instanceof Condition.All all) {
            for (int i = 0; i < all.conditions().size(); i++) {
                decisions(errors, path + ".all[" + i + "]", all.conditions().get(i), schoolId, check);
            }
        } else if (c instanceof Condition.Any any) {
            for (int i = 0; i < any.conditions().size(); i++) {
                decisions(errors, path + ".any[" + i + "]", any.conditions().get(i), schoolId, check);
            }
        } else if (c instanceof Condition.Not not) {
            decisions(errors, path + ".not", not.condition(), schoolId, check);
        } else if (c instanceof Condition.Decision dc) {
            decision(errors, path, dc.model(), dc.decision(), schoolId, check);
        }
    }

    private static void decision(List<FieldError> errors, String path, String model, String decision, String schoolId,
                                 DecisionCheck check) {
        String problem = check.modelProblem(schoolId, model);
        if (problem != null) {
            errors.add(new FieldError(path + ".model", problem));
            return;
        }
        problem = check.decisionProblem(schoolId, model, decision);
        if (problem != null) {
            errors.add(new FieldError(path + ".decision", problem));
        }
    }

    // Depth is bounded by the parser (at most 20 levels), so recursion is safe here.
    private static void condition(List<FieldError> errors, String path, Condition c,
                                  Predicate<String> courseExists, Predicate<String> spaceExists) {
        if (c instanceof Condition.All all) {
            for (int i = 0; i < all.conditions().size(); i++) {
                condition(errors, path + ".all[" + i + "]", all.conditions().get(i), courseExists, spaceExists);
            }
        } else if (c instanceof Condition.Any any) {
            for (int i = 0; i < any.conditions().size(); i++) {
                condition(errors, path + ".any[" + i + "]", any.conditions().get(i), courseExists, spaceExists);
            }
        } else if (c instanceof Condition.Not not) {
            condition(errors, path + ".not", not.condition(), courseExists, spaceExists);
        } else if (c instanceof Condition.EnrolledIn e) {
            check(errors, path + ".courseIds", e.courseIds(), courseExists, "course");
        } else if (c instanceof Condition.CompletedCourse cc) {
            check(errors, path + ".courseIds", cc.courseIds(), courseExists, "course");
        } else if (c instanceof Condition.InSpace s) {
            check(errors, path + ".spaceIds", s.spaceIds(), spaceExists, "space");
        }
    }

    private static void check(List<FieldError> errors, String path, List<String> ids, Predicate<String> exists,
                              String noun) {
        for (String id : ids) {
            if (!exists.test(id)) {
                errors.add(new FieldError(path, "no " + noun + " '" + id + "' in this school; create it first"));
            }
        }
    }
}
