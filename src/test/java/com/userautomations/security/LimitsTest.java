package com.userautomations.security;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The limits that need small numbers to test: the per-school rate limit (429 with Retry-After,
 * nothing changed, the operator not limited) and the number of automations per school.
 */
@QuarkusTest
@TestProfile(LimitsTest.Small.class)
class LimitsTest {

    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("automations.rate-limit", "5", "automations.max-automations-per-school", "3");
        }
    }

    @Test
    void aSchoolOverItsRateGets429WithRetryAfterAndNothingChanges() throws InterruptedException {
        School s = School.create("rate");
        Thread.sleep(2_100); // the bucket starts full; the creation above used nothing of it
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            Response r = s.key.req().body(Map.of("email", "u" + i + "@x.test")).put(s.key.path("/users/u" + i));
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                retryAfter = r.header("Retry-After");
                assertThat(r.contentType()).startsWith("application/problem+json");
                // a refused sync changed nothing
                Api.operator().get(s.key.path("/users/u" + i)).then().statusCode(404);
            }
        }
        assertThat(statuses).contains(429);
        // a burst of twice the rate, then the rate: never more than that got through
        long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
        assertThat(statuses.stream().filter(c -> c == 200 || c == 201).count()).isBetween(10L, 10L + 5 * seconds);
        assertThat(Integer.parseInt(retryAfter)).isGreaterThanOrEqualTo(1);
        // the operator token is not limited, and another school has its own allowance
        for (int i = 0; i < 20; i++) {
            Api.operator().get(s.key.path("")).then().statusCode(200);
        }
        School other = School.create("rate-other");
        other.key.req().get(other.key.path("/courses")).then().statusCode(200);
        Thread.sleep(Integer.parseInt(retryAfter) * 1000L + 200);
        s.key.req().get(s.key.path("/courses")).then().statusCode(200);
    }

    @Test
    void aSchoolHoldsAtMostTheConfiguredNumberOfAutomations() throws InterruptedException {
        School s = School.create("max");
        String body = """
                {"name": "A", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["t"]}]}""";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300); // stay under this profile's rate limit of 5/s
            ids.add(s.automation(body));
        }
        Thread.sleep(300);
        s.key.req().body(body).post(s.key.path("/automations")).then().statusCode(422)
                .body("errors.field", hasItem(""));
        Thread.sleep(300);
        s.get("/automations").statusCode(200).body("items", hasSize(3));
        Thread.sleep(300);
        s.key.req().delete(s.key.path("/automations/" + ids.get(0))).then().statusCode(204);
        Thread.sleep(300);
        s.key.req().body(body).post(s.key.path("/automations")).then().statusCode(201).body("version", equalTo(1));
    }
}
