package com.userautomations.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details: the body of every 4xx/5xx answer. {@code errors} are usually
 * {@link FieldError}s; a refused rules file lists where in the file each problem is instead.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<?> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
