package com.userautomations.packaged;

import com.userautomations.packaged.ReadmeBlocks.AgainItem;
import com.userautomations.packaged.ReadmeBlocks.Item;
import com.userautomations.packaged.ReadmeBlocks.StepItem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules by which ReadmeIT reads the README and matches its answers (ReadmeIT can fail). */
class ReadmeAnswersTest {
    private final ReadmeAnswers answers = new ReadmeAnswers();

    private static ReadmeAnswers fresh() {
        return new ReadmeAnswers();
    }

    @Test
    void jsonAnswersMatchByStructureAndValue() {
        String shown = "{\"id\":\"aut_mirvlbmcw2wz\",\"status\":\"active\",\"version\":1,\"tags\":[\"a\",\"b\"],\"error\":null}";
        assertThat(fresh().mismatch("json", shown,
                "{\"error\":null,\"tags\":[\"a\",\"b\"],\"version\":1.0,\"status\":\"active\",\"id\":\"aut_0123456789ab\"}")).isNull();
        assertThat(fresh().mismatch("json", shown, shown.replace("active", "paused"))).contains("$.status").contains("paused");
        assertThat(fresh().mismatch("json", shown, shown.replace("\"version\":1", "\"version\":2"))).contains("$.version");
        assertThat(fresh().mismatch("json", shown, shown.replace("null", "\"boom\""))).contains("$.error");
        assertThat(fresh().mismatch("json", shown, shown.replace("[\"a\",\"b\"]", "[\"a\"]"))).contains("$.tags");
        assertThat(fresh().mismatch("json", shown, shown.replace("}", ",\"more\":1}"))).contains("\"more\"");
        assertThat(fresh().mismatch("json", shown, shown.replace(",\"error\":null", ""))).contains("no key \"error\"");
        assertThat(fresh().mismatch("json", shown, "not json")).contains("not JSON");
        assertThat(fresh().mismatch("json", shown, shown + shown)).contains("2 JSON answer(s)");
    }

    @Test
    void dotsAreWildcardsForAValueForMoreKeysAndForMoreElements() {
        assertThat(answers.mismatch("json", "{\"a\":\"...\",\"b\":1}", "{\"a\":{\"x\":[1,2]},\"b\":1}")).isNull();
        assertThat(answers.mismatch("json", "{\"b\":1,\"...\":\"...\"}", "{\"a\":2,\"b\":1}")).isNull();
        assertThat(answers.mismatch("json", "{\"b\":1,\"...\":\"...\"}", "{\"a\":2,\"b\":3}")).contains("$.b");
        assertThat(answers.mismatch("json", "[1,\"...\"]", "[1]")).isNull();
        assertThat(answers.mismatch("json", "[1,\"...\"]", "[1,2,3]")).isNull();
        assertThat(answers.mismatch("json", "[1,\"...\"]", "[2,2,3]")).contains("$[0]");
        assertThat(answers.mismatch("json", "{\"m\":\"must be one of user.signed_up, ...\"}",
                "{\"m\":\"must be one of user.signed_up, user.enrolled\"}")).isNull();
        assertThat(answers.mismatch("json", "{\"m\":\"must be one of user.signed_up, ...\"}",
                "{\"m\":\"must be one of user.enrolled\"}")).contains("$.m");
    }

    @Test
    void timesMatchAnyTimeAndIdsStandForOneIdThroughout() {
        assertThat(answers.mismatch("json", "{\"at\":\"2026-11-28T08:13:58.755Z\"}", "{\"at\":\"2027-01-01T00:00:00Z\"}")).isNull();
        assertThat(answers.mismatch("json", "{\"at\":\"2026-11-28T08:13:58.755Z\"}", "{\"at\":null}")).contains("$.at");
        assertThat(answers.mismatch("json", "{\"at\":\"2026-11-28T08:13:58.755Z\"}", "{\"at\":\"yesterday\"}")).contains("$.at");

        assertThat(answers.mismatch("json", "{\"id\":\"aut_aaaa\"}", "{\"id\":\"aut_1111\"}")).isNull();
        assertThat(answers.mismatch("json", "{\"automationId\":\"aut_aaaa\"}", "{\"automationId\":\"aut_1111\"}")).isNull();
        assertThat(answers.mismatch("json", "{\"automationId\":\"aut_aaaa\"}", "{\"automationId\":\"aut_2222\"}"))
                .contains("aut_aaaa was aut_1111 earlier");
        assertThat(answers.mismatch("json", "{\"automationId\":\"aut_bbbb\"}", "{\"automationId\":\"aut_1111\"}"))
                .contains("is the README's aut_aaaa");
        assertThat(answers.mismatch("json", "{\"id\":\"run_aaaa\"}", "{\"id\":\"aut_3333\"}")).contains("$.id");
        answers.forgetIds();
        assertThat(answers.mismatch("json", "{\"automationId\":\"aut_aaaa\"}", "{\"automationId\":\"aut_2222\"}")).isNull();
    }

    @Test
    void textAnswersMatchLineByLineWithTheSameWildcards() {
        String drl = "rule \"a:aut_8biixadjpcg4:1:t0\"\n    $e.addMatch(\"aut_8biixadjpcg4\", 1);  \nend\n\n";
        assertThat(answers.mismatch("text", drl, "rule \"a:aut_x1:1:t0\"\n    $e.addMatch(\"aut_x1\", 1);\nend")).isNull();
        assertThat(answers.mismatch("text", drl, "rule \"a:aut_x1:1:t0\"\n    $e.addMatch(\"aut_x2\", 1);\nend"))
                .contains("aut_8biixadjpcg4");
        assertThat(answers.mismatch("", "openapi: ...", "openapi: 3.1.0")).isNull();
        assertThat(answers.mismatch("", "openapi: 3.0.3", "openapi: 3.1.0")).contains("text");
    }

    @Test
    void theReadmeIsReadAsStepsAnswersAndMarkers() {
        List<Item> items = ReadmeBlocks.parse(List.of(
                "## A", "```sh", "echo 1", "```", "```json", "1", "```",
                "prose", "```sh", "true", "```", "", "```", "text", "```",
                "<!-- readme-test: skip, needs a mail server -->", "```sh", "mail", "```",
                "### B", "<!-- readme-test: run the section \"A\" again -->"));
        assertThat(items).hasSize(4);
        var first = ((StepItem) items.get(0)).step();
        assertThat(first.shell().text()).isEqualTo("echo 1\n");
        assertThat(first.answer().lang()).isEqualTo("json");
        assertThat(((StepItem) items.get(1)).step().answer().text()).isEqualTo("text\n");
        assertThat(((StepItem) items.get(2)).step().skipReason()).isEqualTo("needs a mail server");
        assertThat(((AgainItem) items.get(3)).again().heading()).isEqualTo("A");

        assertThatThrownBy(() -> ReadmeBlocks.parse(List.of("```sh", "true", "```", "prose", "```json", "{}", "```")))
                .hasMessageContaining("README.md:5: a json block that no shell block prints");
        assertThatThrownBy(() -> ReadmeBlocks.parse(List.of("<!-- readme-test: skip -->", "```sh", "true", "```")))
                .hasMessageContaining("unknown readme-test marker");
    }
}
