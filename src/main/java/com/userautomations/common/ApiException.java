package com.userautomations.common;

import java.util.List;

/**
 * A refusal the client can act on. It carries only text we wrote, so nothing internal
 * (class names, SQL, stack traces) can reach an answer through it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<?> errors;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String detail, List<FieldError> errors) {
        this(status, detail, errors, null);
    }

    private ApiException(int status, String detail, List<?> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail, List.of());
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail, List.of());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail, List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail, List.of());
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(422, errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid", errors);
    }

    /**
     * 422 with errors of another shape than {@link FieldError} (a rules file that does not
     * compile lists file, line, column and message); the errors must hold only text we wrote.
     */
    public static ApiException invalidWith(String detail, List<?> errors) {
        return new ApiException(422, detail, errors, null);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiException tooManyRequests(int retryAfterSeconds) {
        return new ApiException(429, "Slow down and retry later", List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return Problem.of(status, getMessage(), errors);
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
