package com.userautomations.common;

/** One reason a request was refused, named by the JSON path of the field at fault. */
public record FieldError(String field, String message) {
}
