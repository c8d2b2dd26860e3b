package com.userautomations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.automation.MergeFields;
import java.util.function.Supplier;

/**
 * Values for merge fields: data from the user, the event, the course and the school. The course
 * title is read only when a template asks for it (it costs a query).
 */
record MergeContext(ActionContext ctx, Supplier<String> courseTitle) {
    String resolve(String field) {
        return switch (field) {
            case "user.firstName" -> nz(ctx.user().firstName());
            case "user.lastName" -> nz(ctx.user().lastName());
            case "user.email" -> nz(ctx.user().email());
            case "course.title" -> courseTitle.get();
            case "school.name" -> nz(ctx.school().name());
            default -> {
                if (field.startsWith(MergeFields.USER_FIELDS)) {
                    JsonNode v = ctx.user().fields() == null ? null
                            : ctx.user().fields().get(field.substring(MergeFields.USER_FIELDS.length()));
                    yield v == null || v.isNull() ? "" : v.asText();
                }
                if (field.startsWith(MergeFields.EVENT_FIELDS)) {
                    yield nz(ctx.eventFields().get(field.substring(MergeFields.EVENT_FIELDS.length())));
                }
                yield "";
            }
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
