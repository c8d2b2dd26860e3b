package com.userautomations.delivery;

import java.time.Instant;

/**
 * How one send of an outbox message ended, as its channel tells the outbox. Reasons are plain
 * sentences: they are stored in the message's {@code last_error} and shown to the school (no class
 * names, hosts, ports or the remote side's words). A status code, where the channel has one (HTTP),
 * is for the channel's own columns.
 */
public sealed interface Attempt {
    /** The message reached its destination (or, for email without SMTP configured, was recorded). */
    record Delivered(Integer statusCode) implements Attempt {
    }

    /**
     * Worth another try: the outbox asks the channel's {@link RetryPolicy} when, never before
     * {@code notBefore} (a Retry-After), or marks it failed when the policy has no attempt left.
     */
    record RetryLater(String reason, Instant notBefore, Integer statusCode) implements Attempt {
    }

    /** Failed for good: no other attempt (a refusal no resend can cure). */
    record Failed(String reason, Integer statusCode) implements Attempt {
    }

    static Attempt delivered() {
        return new Delivered(null);
    }

    static Attempt delivered(int statusCode) {
        return new Delivered(statusCode);
    }

    static Attempt retryLater(String reason) {
        return new RetryLater(reason, null, null);
    }

    /** @param notBefore null when the other side did not say; @param statusCode null when there is none */
    static Attempt retryLater(String reason, Instant notBefore, Integer statusCode) {
        return new RetryLater(reason, notBefore, statusCode);
    }

    static Attempt failed(String reason) {
        return new Failed(reason, null);
    }

    static Attempt failed(String reason, Integer statusCode) {
        return new Failed(reason, statusCode);
    }
}
