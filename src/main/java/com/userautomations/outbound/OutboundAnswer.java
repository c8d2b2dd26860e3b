package com.userautomations.outbound;

import java.time.Duration;

/**
 * How one outgoing call ended: the endpoint's answer (its status by the last header byte, its
 * Retry-After, the start of its body), or a failure before any answer.
 *
 * @param status     the HTTP status, 0 when there was no answer
 * @param retryAfter the answer's Retry-After as a delay from the answer (an HTTP date already
 *                   turned into one, never negative), null when absent or unreadable
 * @param body       the first {@value GuardedHttp#MAX_BODY} bytes of the answer's body at most,
 *                   decoded as UTF-8; empty when there was no answer
 * @param failure    null when there was an answer, else a plain sentence (no host, port or
 *                   exception: the details are in the log)
 */
public record OutboundAnswer(int status, Duration retryAfter, String body, String failure) {

    static OutboundAnswer failed(String failure) {
        return new OutboundAnswer(0, null, "", failure);
    }

    public boolean answered() {
        return failure == null;
    }

    /** A 2xx: what counts as delivered. */
    public boolean succeeded() {
        return failure == null && status >= 200 && status < 300;
    }
}
