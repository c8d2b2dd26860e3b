package com.userautomations.security;

import com.userautomations.common.JsonBodies;
import com.userautomations.compile.DrlKieBase;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Hostile strings in every string field of an automation, a user and an event are stored
 * verbatim, matched literally (never as code or patterns), and the automation's DRL still compiles.
 */
@QuarkusTest
class InjectionTest {
    static final List<String> HOSTILE = List.of(
            "quote\" and 'single'",
            "\"); System.exit(1); //",
            "rule \"x\" when then end",
            "${java.lang.Runtime}",
            "#{1+1}",
            "back\\slash \\u0041 \\n",
            "ταγ ✓ 🎓 中文",
            "import java.io.File; eval(true)",
            "' OR 1=1 --",
            "%s %n {user.firstName}");

    /** Templates may only name known merge fields; the hostile text itself arrives through the merged values. */
    private static String noBraces(String h) {
        return h.replaceAll("\\{[^}]*}", "");
    }

    @Test
    void hostileStringsAreDataEverywhere() throws Exception {
        School s = School.create("inj");
        for (int i = 0; i < HOSTILE.size(); i++) {
            String h = HOSTILE.get(i);
            String tag = h.length() > 90 ? h.substring(0, 90) : h;
            String userId = "u" + i;
            s.user(userId, Map.of("email", "u" + i + "@x.test", "firstName", h, "lastName", h, "source", h,
                    "fields", Map.of("note", h), "tags", List.of("base")));
            s.getUser(userId).body("firstName", equalTo(h)).body("source", equalTo(h)).body("fields.note", equalTo(h));

            String definition = JsonBodies.write(Map.of(
                    "name", h,
                    "triggers", List.of(
                            Map.of("type", "tags.added", "tags", List.of(tag)),
                            Map.of("type", "form.submitted", "formIds", List.of("form-" + i)),
                            Map.of("type", "coupon.claimed", "couponCodes", List.of(h))),
                    "conditions", Map.of("all", List.of(
                            Map.of("type", "source", "sources", List.of(h)),
                            Map.of("type", "field", "path", "user.fields.note", "op", "equals", "value", h),
                            Map.of("not", Map.of("type", "has_any_tag", "tags", List.of(h + "-other"))),
                            Map.of("any", List.of(Map.of("type", "email_domain", "domains", List.of(h, "x.test")))))),
                    "actions", List.of(
                            Map.of("type", "add_tags", "tags", List.of("hit-" + i)),
                            Map.of("type", "send_email", "to", "user", "subject", "S " + noBraces(h),
                                    "body", noBraces(h) + " {user.firstName}"))));
            String a = s.automation(definition);
            s.get("/automations/" + a).statusCode(200).body("name", equalTo(h))
                    .body("triggers[0].tags[0]", equalTo(tag)).body("triggers[2].couponCodes[0]", equalTo(h));

            String drl = s.get("/automations/" + a + "/drl").statusCode(200).extract().asString();
            try (DrlKieBase compiled = new DrlKieBase(drl)) {
                assertThat(compiled).isNotNull();
            }

            // a near miss does not match; the literal value does
            s.event(JsonBodies.write(Map.of("id", "near-" + i, "type", "coupon.claimed", "userId", userId,
                    "couponCode", h + " "))).body("runs", empty());
            s.event(JsonBodies.write(Map.of("id", "hit-" + i, "type", "coupon.claimed", "userId", userId,
                    "couponCode", h))).body("runs", hasSize(1));
            s.event(JsonBodies.write(Map.of("id", "tag-" + i, "type", "tags.added", "userId", "u" + i,
                    "tags", List.of(tag), "fields", Map.of("x", h)))).body("runs", hasSize(1));
            assertThat(s.tags(userId)).contains("hit-" + i, tag);
            s.get("/emails?userId=" + userId).body("items", hasSize(2))
                    .body("items[0].body", equalTo(noBraces(h) + " " + h));
            s.get("/events/tag-" + i).body("event.fields.x", equalTo(h));
        }
    }
}
