package com.userautomations.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one fact a rule matches: the event, carrying the user snapshot so that every rule has a
 * single pattern. Immutable except for the matches the rule consequences record. A fact is
 * evaluated on one thread at a time.
 */
public final class EventFact {
    private final String schoolId;
    private final String type;
    private final String courseId;
    private final String formId;
    private final String couponCode;
    private final String certificateId;
    private final String reason;
    private final Set<String> tagsAdded;
    private final Set<String> tagsRemoved;
    private final Map<String, String> fields;
    private final UserSnapshot user;
    private final List<Match> matches = new ArrayList<>();

    /**
     * @param type        the event type's wire name, e.g. {@code tags.added}
     * @param tagsAdded   the tags this event newly added (not those the user already had)
     * @param tagsRemoved the tags this event actually removed
     */
    public EventFact(String schoolId, String type, String courseId, String formId, String couponCode,
            String certificateId, String reason, Set<String> tagsAdded, Set<String> tagsRemoved,
            Map<String, String> fields, UserSnapshot user) {
        this.schoolId = schoolId;
        this.type = Objects.requireNonNull(type, "type");
        this.courseId = courseId;
        this.formId = formId;
        this.couponCode = couponCode;
        this.certificateId = certificateId;
        this.reason = reason;
        this.tagsAdded = tagsAdded == null ? Set.of() : Set.copyOf(tagsAdded);
        this.tagsRemoved = tagsRemoved == null ? Set.of() : Set.copyOf(tagsRemoved);
        this.fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.user = Objects.requireNonNull(user, "user");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getSchoolId() {
        return schoolId;
    }

    public String getType() {
        return type;
    }

    public String getCourseId() {
        return courseId;
    }

    public String getFormId() {
        return formId;
    }

    public String getCouponCode() {
        return couponCode;
    }

    public String getCertificateId() {
        return certificateId;
    }

    public String getReason() {
        return reason;
    }

    public Set<String> getTagsAdded() {
        return tagsAdded;
    }

    public Set<String> getTagsRemoved() {
        return tagsRemoved;
    }

    public Map<String, String> getFields() {
        return fields;
    }

    public UserSnapshot getUser() {
        return user;
    }

    /** The matches recorded so far, in firing order (may repeat an automation with several triggers). */
    public List<Match> matches() {
        return Collections.unmodifiableList(matches);
    }

    /** Called by rule consequences; records only, never acts. */
    public void addMatch(String automationId, int version) {
        matches.add(new Match(automationId, version));
    }

    @Override
    public String toString() {
        return "EventFact[" + schoolId + " " + type + " user=" + user.id() + "]";
    }

    public static final class Builder {
        private String schoolId;
        private String type;
        private String courseId;
        private String formId;
        private String couponCode;
        private String certificateId;
        private String reason;
        private Set<String> tagsAdded;
        private Set<String> tagsRemoved;
        private Map<String, String> fields;
        private UserSnapshot user;

        public Builder schoolId(String v) {
            schoolId = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder courseId(String v) {
            courseId = v;
            return this;
        }

        public Builder formId(String v) {
            formId = v;
            return this;
        }

        public Builder couponCode(String v) {
            couponCode = v;
            return this;
        }

        public Builder certificateId(String v) {
            certificateId = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder tagsAdded(Set<String> v) {
            tagsAdded = v;
            return this;
        }

        public Builder tagsRemoved(Set<String> v) {
            tagsRemoved = v;
            return this;
        }

        public Builder fields(Map<String, String> v) {
            fields = v;
            return this;
        }

        public Builder user(UserSnapshot v) {
            user = v;
            return this;
        }

        public EventFact build() {
            return new EventFact(schoolId, type, courseId, formId, couponCode, certificateId, reason, tagsAdded,
                    tagsRemoved, fields, user);
        }
    }
}
