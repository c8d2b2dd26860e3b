package com.userautomations.analyst;

import com.userautomations.engine.EventFact;
import com.userautomations.engine.UserSnapshot;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs a DMN decision gets: {@code user}, {@code event} and {@code school}, as FEEL
 * contexts with the property names of the rules' fact model (rules-dmn/README.md). Sets become
 * sorted lists, so that a decision sees the same list every time.
 */
public final class DecisionInputs {
    private DecisionInputs() {
    }

    public static Map<String, Object> of(EventFact fact) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("user", user(fact.getUser()));
        inputs.put("event", event(fact));
        Map<String, Object> school = new LinkedHashMap<>();
        school.put("id", fact.getSchool().id());
        school.put("name", fact.getSchool().name());
        inputs.put("school", school);
        return inputs;
    }

    private static Map<String, Object> user(UserSnapshot u) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", u.id());
        user.put("email", u.email());
        user.put("emailDomain", u.emailDomain());
        user.put("role", u.role());
        user.put("source", u.source());
        user.put("registeredAt", u.registeredAt() == null ? null : u.registeredAt().atZone(ZoneOffset.UTC));
        user.put("tags", sorted(u.tags()));
        user.put("courseIds", sorted(u.courseIds()));
        user.put("completedCourseIds", sorted(u.completedCourseIds()));
        user.put("spaceIds", sorted(u.spaceIds()));
        user.put("fields", new LinkedHashMap<>(u.fields()));
        return user;
    }

    private static Map<String, Object> event(EventFact e) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", e.getType());
        event.put("courseId", e.getCourseId());
        event.put("formId", e.getFormId());
        event.put("couponCode", e.getCouponCode());
        event.put("certificateId", e.getCertificateId());
        event.put("reason", e.getReason());
        event.put("tagsAdded", sorted(e.getTagsAdded()));
        event.put("tagsRemoved", sorted(e.getTagsRemoved()));
        event.put("fields", new LinkedHashMap<>(e.getFields()));
        return event;
    }

    private static List<String> sorted(Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
