package com.userautomations.delivery;

/**
 * One outbox message as claimed: its state columns and the channel's content. {@code attempts}
 * already counts the attempt under way (the claim counts it).
 */
public record Claimed<M>(String id, String schoolId, String target, int attempts, M message) {
}
