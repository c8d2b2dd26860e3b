package com.userautomations.events;

import com.userautomations.common.BodyReader;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;

import java.util.HashSet;
import java.util.Set;

/** Builds the one fact rules match: the event carrying a snapshot of the user after its change. */
final class Facts {
    private Facts() {
    }

    static EventFact of(SchoolInfo school, Happening h, UserState u) {
        Set<String> courses = new HashSet<>();
        Set<String> completed = new HashSet<>();
        u.enrollments().values().forEach(e -> {
            if ("active".equals(e.status()) || "completed".equals(e.status())) {
                courses.add(e.courseId());
            }
            if ("completed".equals(e.status())) {
                completed.add(e.courseId());
            }
        });
        UserSnapshot user = new UserSnapshot(u.id(), u.email(), u.emailDomain(), u.role(), u.source(), u.registeredAt(),
                Set.copyOf(u.tags()), courses, completed, Set.copyOf(u.spaces()), BodyReader.asStrings(u.fields()));
        return new EventFact(school.id(), h.type(), h.courseId(), h.formId(), h.couponCode(), h.certificateId(),
                h.reason(), h.tagsAdded(), h.tagsRemoved(), h.fields(), user, new SchoolSnapshot(school.id(), school.name()));
    }
}
