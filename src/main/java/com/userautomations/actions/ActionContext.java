package com.userautomations.actions;

import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;

import com.userautomations.engine.EventFact;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run's actions act on: the locked user, the school, and the event that started the run.
 * {@code fact} gives the event as rules see it with the user as they are now (after the run's
 * earlier actions): the input of a DMN decision. {@code version} is the automation's (0 for an
 * analyst's rule); {@code rootOccurredAt} the posted event's time at the chain's root.
 */
public record ActionContext(SchoolInfo school, UserState user, String runId, String automationId, int version,
                            String rootEventId, Instant rootOccurredAt, String eventCourseId,
                            Map<String, String> eventFields, Supplier<EventFact> fact, String jobId, String trigger) {
}
