package com.userautomations.automation;

/** One validation problem, at a JSON path such as {@code actions[0].courseIds}. */
public record FieldError(String field, String message) {
}
