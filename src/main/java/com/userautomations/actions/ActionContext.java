package com.userautomations.actions;

import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;

import java.util.Map;

/** What a run's actions act on: the locked user, the school, and the event that started the run. */
public record ActionContext(SchoolInfo school, UserState user, String runId, String automationId,
                            String rootEventId, String eventCourseId, Map<String, String> eventFields) {
}
