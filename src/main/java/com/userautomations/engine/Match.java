package com.userautomations.engine;

/** "Automation A, version V, matched this event": all a rule consequence records. */
public record Match(String automationId, int version) {
}
