package com.userautomations.engine;

/**
 * What a wait rule's consequence records: the event matches the {@code wait_for} at step path
 * {@code step} of version {@code version} of an automation, so that the user's runs waiting
 * there, if any, go on.
 */
public record WaitMatch(String automationId, int version, String step) {
}
