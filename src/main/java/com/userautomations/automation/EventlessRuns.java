package com.userautomations.automation;

import com.userautomations.common.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a saved automation cannot do in a run that no event started (a backfill's): read
 * {@code event.fields.X}, in a condition or a merge field, or {@code {course.title}} without a
 * course. Each problem is named at its field of the stored definition.
 */
public final class EventlessRuns {
    private EventlessRuns() {
    }

    /** The one course the automation's triggers name, if exactly one; else null. */
    public static String onlyCourse(AutomationDefinition d) {
        List<String> courses = d.triggers().stream().flatMap(t -> t.courseIds().stream()).distinct().toList();
        return courses.size() == 1 ? courses.get(0) : null;
    }

    /** The fields a run without an event (of course {@code courseId}, or none) could not fill. */
    public static List<FieldError> problems(AutomationDefinition d, String courseId, String why) {
        List<FieldError> errors = new ArrayList<>();
        eventFields(d.conditions(), "conditions", errors, why);
        eventFields(d.exitWhen(), "exitWhen", errors, why);
        StepTree tree = StepTree.of(d.steps());
        for (StepTree.Node n : tree.nodes()) {
            if (n.step() instanceof Step.If branch) {
                eventFields(branch.conditions(), n.path() + ".conditions", errors, why);
            }
            if (!(n.step() instanceof Step.Act act)) {
                continue;
            }
            boolean courseKnown = courseId != null || MergeFields.courseNamedBefore(tree.actionsBefore(n),
                    tree.actionsBefore(n).size()) != null;
            for (Map.Entry<String, String> t : MergeFields.templatesOf(act.action()).entrySet()) {
                String field = n.path() + "." + t.getKey();
                if (MergeFields.usesEventFields(t.getValue())) {
                    errors.add(new FieldError(field, why + " has no event: {event.fields.X} cannot be filled"));
                }
                if (!courseKnown && MergeFields.uses(t.getValue(), "course.title")) {
                    errors.add(new FieldError(field, why + " names no course ({course.title} would be empty): "
                            + "its triggers must name exactly one course"));
                }
            }
        }
        return errors;
    }

    private static void eventFields(Condition c, String path, List<FieldError> errors, String why) {
        if (c instanceof Condition.All all) {
            for (int i = 0; i < all.conditions().size(); i++) {
                eventFields(all.conditions().get(i), path + ".all[" + i + "]", errors, why);
            }
        } else if (c instanceof Condition.Any any) {
            for (int i = 0; i < any.conditions().size(); i++) {
                eventFields(any.conditions().get(i), path + ".any[" + i + "]", errors, why);
            }
        } else if (c instanceof Condition.Not not) {
            eventFields(not.condition(), path + ".not", errors, why);
        } else if (c instanceof Condition.Field f && !f.onUser()) {
            errors.add(new FieldError(path + ".path", why + " has no event: " + f.path() + " cannot be read"));
        }
    }
}
