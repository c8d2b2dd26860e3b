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

    /** A problem whose title is the status phrase of RFC 9110, as API.md 1.1 asks. */
    public static Problem of(int status, String detail, List<?> errors) {
        return new Problem("about:blank", title(status), status, detail, errors);
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
