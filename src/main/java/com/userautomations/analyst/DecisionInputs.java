package com.userautomations.analyst;

import com.userautomations.engine.EventFact;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a DMN model gets for one event: {@code user}, {@code event} and {@code school},
 * as maps with the property names of the fact model rules see ({@link EventFact},
 * rules-dmn/README.md), so an analyst writes {@code user.emailDomain} in FEEL as in DRL.
 * Values are plain data FEEL understands: strings (null when unknown, as in the fact), lists of
 * strings (sorted, so a model sees the same order every time) and maps of strings.
 */
public final class DecisionInputs {
    public static final String USER = "user";
    public static final String EVENT = "event";
    public static final String SCHOOL = "school";

    private DecisionInputs() {
    }

    /** The three inputs, by name. */
    public static Map<String, Object> of(EventFact fact) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(USER, user(fact.getUser()));
        inputs.put(EVENT, event(fact));
        inputs.put(SCHOOL, school(fact.getSchool()));
        return inputs;
    }

    public static Map<String, Object> user(UserSnapshot u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("emailDomain", u.emailDomain());
        m.put("role", u.role());
        m.put("source", u.source());
        m.put("registeredAt", u.registeredAt() == null ? null : u.registeredAt().toString());
        m.put("tags", sorted(u.tags()));
        m.put("courseIds", sorted(u.courseIds()));
        m.put("completedCourseIds", sorted(u.completedCourseIds()));
        m.put("spaceIds", sorted(u.spaceIds()));
        m.put("fields", new LinkedHashMap<>(u.fields()));
        return m;
    }

    public static Map<String, Object> event(EventFact e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.getType());
        m.put("schoolId", e.getSchoolId());
        m.put("courseId", e.getCourseId());
        m.put("formId", e.getFormId());
        m.put("couponCode", e.getCouponCode());
        m.put("certificateId", e.getCertificateId());
        m.put("reason", e.getReason());
        m.put("tagsAdded", sorted(e.getTagsAdded()));
        m.put("tagsRemoved", sorted(e.getTagsRemoved()));
        m.put("fields", new LinkedHashMap<>(e.getFields()));
        return m;
    }

    public static Map<String, Object> school(SchoolSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        return m;
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
