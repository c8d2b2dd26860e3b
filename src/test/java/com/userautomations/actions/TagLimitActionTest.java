package com.userautomations.actions;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** API.md 1.1: an add_tags action that would take a user past 1,000 tags is skipped, with the reason. */
@QuarkusTest
class TagLimitActionTest {

    @Test
    void addTagsPastTheLimitIsSkippedAndChangesNothing() {
        List<String> tags = IntStream.range(0, 1000).mapToObj(i -> "t" + i).toList();
        School s = School.create("tagcap").user("u1", Map.of("email", "cap@x.test", "tags", tags));
        s.automation("""
                {"name": "Tag", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["extra", "t1"]},
                             {"type": "add_tags", "tags": ["t2"]}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""")
                .body("runs[0].status", equalTo("completed"));

        s.get("/runs").statusCode(200)
                .body("items[0].status", equalTo("completed"))
                .body("items[0].actions[0].status", equalTo("skipped"))
                .body("items[0].actions[0].error", containsString("at most 1000"))
                .body("items[0].actions[1].status", equalTo("done"))
                .body("items[0].actions[1].error", nullValue());
        List<String> after = s.tags("u1");
        assertThat(after).hasSize(1000).doesNotContain("extra");
    }

    @Test
    void addTagsUpToTheLimitIsDone() {
        List<String> tags = IntStream.range(0, 999).mapToObj(i -> "t" + i).toList();
        School s = School.create("tagcap").user("u1", Map.of("email", "cap2@x.test", "tags", tags));
        s.automation("""
                {"name": "Tag", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["last"]}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        s.get("/runs").body("items[0].actions[0].status", equalTo("done"));
        assertThat(s.tags("u1")).hasSize(1000).contains("last");
    }
}
