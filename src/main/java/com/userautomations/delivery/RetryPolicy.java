package com.userautomations.delivery;

import java.time.Instant;
import java.util.Optional;

/** When a message whose attempt asked to be retried is tried again, if at all. */
public interface RetryPolicy {
    /**
     * @param attempts  attempts made so far, the failed one included (1 after the first)
     * @param notBefore the earliest time the other side allows (Retry-After), or null
     * @return when to try again, never before {@code notBefore}; empty when no attempt is left
     */
    Optional<Instant> next(int attempts, Instant now, Instant notBefore);

    static Instant notBefore(Instant next, Instant notBefore) {
        return notBefore != null && notBefore.isAfter(next) ? notBefore : next;
    }
}
