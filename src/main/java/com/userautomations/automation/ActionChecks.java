package com.userautomations.automation;

import com.userautomations.common.TextRules;

import java.util.List;
import java.util.function.Function;

/**
 * The format rules of a saved automation's actions, for actions that did not come through
 * the parser: those analyst rules record at run time. Returns why an action cannot be carried
 * out, or null. (Course and space ids must also exist in the school; the executor checks that.)
 */
public final class ActionChecks {
    private ActionChecks() {
    }

    public static String problem(Action a) {
        return switch (a.type()) {
            case ENROLL, UNENROLL, COMPLETE_COURSES -> each(a.courseIds(), "course id", TextRules::id);
            case ADD_TAGS, REMOVE_TAGS -> each(a.tags(), "tag", TextRules::tag);
            case ADD_TO_SPACE, REMOVE_FROM_SPACE -> each(a.spaceIds(), "space id", TextRules::id);
            case ADD_EMAIL_DOMAIN_TAG -> a.prefix() == null || a.prefix().isEmpty() || TextRules.text(a.prefix(), 99) == null
                    ? null : "the prefix must be at most 99 characters without control characters";
            case SEND_EMAIL -> email(a);
            case WAIT -> "analyst rules cannot wait";
            case SEND_WEBHOOK, SEND_PUSH -> "analyst rules cannot send webhooks or pushes; an automation can";
            case ADD_TAG_FROM_DECISION -> "analyst rules evaluate decisions themselves";
        };
    }

    private static String each(List<String> values, String what, Function<String, String> rule) {
        if (values.isEmpty()) {
            return "no " + what + " given";
        }
        for (String v : values) {
            String problem = rule.apply(v);
            if (problem != null) {
                return String.format("the %s '%s' %s", what, v, problem);
            }
        }
        return null;
    }

    private static String email(Action a) {
        if (a.to() == EmailRecipient.ADDRESS && (a.address() == null || TextRules.email(a.address()) != null)) {
            return "the recipient must be \"user\", \"admins\" or an email address";
        }
        if (a.subject() == null || a.subject().isEmpty() || a.body() == null || a.body().isEmpty()) {
            return "the subject and the body must not be empty";
        }
        if (TextRules.hasLineBreak(a.subject())) {
            return "the subject must not contain CR or LF";
        }
        for (String text : List.of(a.subject(), a.body())) {
            List<String> unknown = MergeFields.unknownFields(text);
            if (!unknown.isEmpty()) {
                return "unknown merge field {" + unknown.get(0) + "}; allowed: " + MergeFields.allowed();
            }
        }
        return null;
    }
}
