package com.userautomations.events;

/** A run as the event's answer lists it. */
public record RunSummary(String runId, String automationId, int version, String status) {
}
