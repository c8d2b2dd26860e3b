package com.userautomations.automation;

import com.userautomations.common.FieldError;

import java.util.ArrayList;
import java.util.List;
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
        if (d.conditions() != null) {
            condition(errors, "conditions", d.conditions(), courseExists, spaceExists);
        }
        for (int i = 0; i < d.actions().size(); i++) {
            Action a = d.actions().get(i);
            check(errors, "actions[" + i + "].courseIds", a.courseIds(), courseExists, "course");
            check(errors, "actions[" + i + "].spaceIds", a.spaceIds(), spaceExists, "space");
        }
        return errors;
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
