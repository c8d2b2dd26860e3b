package com.userautomations.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.userautomations.support.School;
import com.userautomations.support.StatementLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API.md 1.1, the impact preview through REST: users (leads too) meeting the conditions now,
 * whatever reentry says and whether the automation is paused; its waiting runs of every
 * version; the SQL and the predicate paths; nothing changes; other schools' ids are 404.
 */
@QuarkusTest
class PreviewTest {
    private static ValidatableResponse preview(School s, String id) {
        return s.key.req().post(s.key.path("/automations/" + id + ":preview")).then();
    }

    @Test
    void countsTheUsersMeetingTheConditionsNowAndTheWaitingRuns() {
        School s = School.create("preview").course("c1", false);
        s.user("u1", Map.of("email", "ann@corp.test", "tags", List.of("vip"), "fields", Map.of("seats", 12)));
        s.user("u2", Map.of("email", "bob@CORP.test", "tags", List.of("vip"), "fields", Map.of("seats", "3")));
        s.user("u3", Map.of("email", "cy@edu.test", "tags", List.of("vip", "student")));
        s.user("u4", Map.of("email", "dee@corp.test"));
        // a lead, created by a form
        s.event("""
                {"id": "f1", "type": "form.submitted", "formId": "demo", "fields": {"email": "lead@corp.test"}}""");
        String vipNotStudent = s.automation("""
                {"name": "VIP", "triggers": [{"type": "coupon.claimed"}],
                 "conditions": {"all": [{"type": "has_any_tag", "tags": ["vip"]}, {"not": {"type": "has_tags", "tags": ["student"]}}]},
                 "actions": [{"type": "wait", "duration": "P2D"}, {"type": "add_tags", "tags": ["done"]}],
                 "reentry": "once_per_user"}""");
        preview(s, vipNotStudent).statusCode(200).body("matchingUsers", equalTo(2)).body("waitingRuns", equalTo(0));

        String corp = s.automation("""
                {"name": "Corp", "triggers": [{"type": "certificate.awarded"}],
                 "conditions": {"type": "email_domain", "domains": ["corp.test"]},
                 "actions": [{"type": "add_tags", "tags": ["b2b"]}]}""");
        preview(s, corp).statusCode(200).body("matchingUsers", equalTo(4));
        String none = s.automation("""
                {"name": "All", "triggers": [{"type": "certificate.awarded"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        preview(s, none).statusCode(200).body("matchingUsers", equalTo(5));
        // user.fields is evaluated by the predicate on the SQL filter's candidates
        String seats = s.automation("""
                {"name": "Seats", "triggers": [{"type": "certificate.awarded"}],
                 "conditions": {"all": [{"type": "email_domain", "domains": ["corp.test"]},
                                        {"type": "field", "path": "user.fields.seats", "op": "gt", "value": "10"}]},
                 "actions": [{"type": "add_tags", "tags": ["big"]}]}""");
        preview(s, seats).statusCode(200).body("matchingUsers", equalTo(1));

        // one run waits at the wait; reentry once_per_user does not change the count
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        preview(s, vipNotStudent).statusCode(200).body("matchingUsers", equalTo(2)).body("waitingRuns", equalTo(1));
        // a new version keeps the old version's waiting run, and a run of the new one waits too
        s.key.req().body("""
                {"name": "VIP2", "triggers": [{"type": "coupon.claimed"}],
                 "conditions": {"type": "has_any_tag", "tags": ["vip"]},
                 "actions": [{"type": "wait", "duration": "P2D"}, {"type": "add_tags", "tags": ["done"]}]}""")
                .put(s.key.path("/automations/" + vipNotStudent)).then().statusCode(200).body("version", equalTo(2));
        s.event("""
                {"id": "c2", "type": "coupon.claimed", "userId": "u3", "couponCode": "X"}""");
        preview(s, vipNotStudent).statusCode(200).body("matchingUsers", equalTo(3)).body("waitingRuns", equalTo(2));

        // the count follows the users as they are now; paused automations are previewed too
        s.user("u4", Map.of("email", "dee@corp.test", "tags", List.of("vip")));
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + vipNotStudent))
                .then().statusCode(200);
        preview(s, vipNotStudent).statusCode(200).body("matchingUsers", equalTo(4)).body("waitingRuns", equalTo(2));

        // nothing was run or changed by the previews
        for (String id : List.of(corp, none, seats)) {
            s.get("/runs?automationId=" + id).statusCode(200).body("items", hasSize(0));
        }
        s.get("/runs?automationId=" + vipNotStudent).statusCode(200).body("items", hasSize(2));
        s.getUser("u4").body("tags", equalTo(List.of("vip")));
    }

    /**
     * The SQL path reads no user: one COUNT over users, its values bound. The predicate path reads
     * only the SQL filter's candidates, a page at a time (here: the one user holding the tag).
     */
    @Test
    void aTreeSqlHoldsIsOneCountAndTheOthersReadOnlyTheirCandidates() {
        School s = School.create("previewsql");
        for (int i = 0; i < 30; i++) {
            s.user("u" + i, Map.of("email", "u" + i + "@corp.test", "fields", Map.of("seats", i)));
        }
        s.user("u7", Map.of("email", "u7@corp.test", "tags", List.of("it's ' OR 1=1 --"), "fields", Map.of("seats", 7)));
        String tagged = s.automation("""
                {"name": "T", "triggers": [{"type": "certificate.awarded"}],
                 "conditions": {"not": {"type": "has_tags", "tags": ["it's ' OR 1=1 --"]}},
                 "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        StatementLog.start();
        preview(s, tagged).statusCode(200).body("matchingUsers", equalTo(29));
        List<StatementLog.Statement> request = StatementLog.ofRequest(StatementLog.stop(), "FROM users u", s.id());
        List<StatementLog.Statement> onUsers = request.stream().filter(st -> st.sql().contains("FROM users")).toList();
        assertThat(onUsers).hasSize(1);
        assertThat(onUsers.get(0).sql()).startsWith("SELECT COUNT(*) FROM users u").doesNotContain("OR 1=1");
        assertThat(onUsers.get(0).params()).contains("it's ' OR 1=1 --");

        String fieldAndTag = s.automation("""
                {"name": "F", "triggers": [{"type": "certificate.awarded"}],
                 "conditions": {"all": [{"type": "has_any_tag", "tags": ["it's ' OR 1=1 --"]},
                                        {"type": "field", "path": "user.fields.seats", "op": "lt", "value": "10"}]},
                 "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        StatementLog.start();
        preview(s, fieldAndTag).statusCode(200).body("matchingUsers", equalTo(1));
        request = StatementLog.ofRequest(StatementLog.stop(), "FROM users u", s.id());
        // one page of candidates (one user), then that page's memberships
        assertThat(request.stream().filter(st -> st.sql().contains("FROM users u")).toList()).hasSize(1);
        assertThat(request.stream().filter(st -> st.sql().contains("FROM users u")).findFirst().orElseThrow().sql())
                .contains("ORDER BY u.id LIMIT ?");
    }

    @Test
    void unknownDeletedAndOtherSchoolsAutomationsAre404() {
        School s = School.create("preview404");
        School other = School.create("preview404o");
        String a = s.automation("""
                {"name": "A", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        preview(other, a).statusCode(404).contentType(startsWith("application/problem+json"));
        preview(s, "nope").statusCode(404).contentType(startsWith("application/problem+json"));
        // the colon percent-encoded reaches the same resource
        s.key.req().urlEncodingEnabled(false).post(s.key.path("/automations/" + a + "%3Apreview")).then().statusCode(200);
        s.key.req().delete(s.key.path("/automations/" + a)).then().statusCode(204);
        preview(s, a).statusCode(404);
    }
}
