package com.userautomations.events;

import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.directory.CatalogKind;
import com.userautomations.directory.CatalogService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a posted event changes in its user (enrollments, tags), before automations run, so they
 * see the user as it is now. A change the user cannot take is refused before anything is written.
 */
@ApplicationScoped
public class StateChanges {
    private final UserStore users;
    private final CatalogService catalog;

    public StateChanges(UserStore users, CatalogService catalog) {
        this.users = users;
        this.catalog = catalog;
    }

    /** Applies the event to its (locked) user; the happening is what the rules then see. */
    Happening apply(String schoolId, EventInput e, UserState user) {
        Set<String> added = Set.of();
        Set<String> removed = Set.of();
        if (EventTypes.TAGS_ADDED.equals(e.type()) && UserStore.tagsWith(user, e.tags()) > UserStore.MAX_TAGS) {
            throw ApiException.invalid("tags", "the user would hold " + UserStore.tagsWith(user, e.tags())
                    + " tags; a user holds at most " + UserStore.MAX_TAGS);
        }
        if (EventTypes.VISITED.equals(e.type()) && e.courseId() != null
                && !catalog.missing(CatalogKind.COURSE, schoolId, List.of(e.courseId())).isEmpty()) {
            throw ApiException.invalid("courseId", "no course " + e.courseId() + " in this school");
        }
        switch (e.type()) {
            case EventTypes.VISITED -> users.visit(schoolId, user, e.courseId(), e.occurredAt());
            case EventTypes.ENROLLED -> users.setEnrollment(schoolId, user, e.courseId(), "active", e.occurredAt());
            case EventTypes.UNENROLLED -> users.setEnrollment(schoolId, user, e.courseId(), "unenrolled", e.occurredAt());
            case EventTypes.COMPLETED -> users.setEnrollment(schoolId, user, e.courseId(), "completed", e.occurredAt());
            case EventTypes.TAGS_ADDED -> added = users.addTags(schoolId, user, e.tags());
            case EventTypes.TAGS_REMOVED -> removed = users.removeTags(schoolId, user, e.tags());
            default -> {
            }
        }
        Map<String, String> fields = BodyReader.asStrings(e.fields());
        return new Happening(e.type(), e.courseId(), e.formId(), e.couponCode(), e.certificateId(), e.reason(),
                added, removed, fields, null);
    }
}
