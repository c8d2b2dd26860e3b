package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The closed shape of a path over REST: what an upload may name. */
class RulePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"global.drl", "global.csv", "tables/orgs.xlsx", "a/b/c/segments.dmn",
            "schools/demo-academy/b2b-signups.drl", "schools/s_1.x/T-1.CSV"})
    void acceptsRulesFilesInsideTheFolder(String path) {
        assertThat(RulePath.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/x.drl", "../x.drl", "a/../../x.drl", "./x.drl", "a//x.drl", "a/", ".hidden.drl",
            "a/.git/x.drl", "x.exe", "x.drl.txt", "x", "tests/x.drl", "schools/x.drl", "schools/a/b/x.drl",
            "sp ace.drl", "a\\b.drl", "ü.drl", "a:b.drl"})
    void refusesEverythingElse(String path) {
        assertThat(RulePath.problem(path)).isNotNull();
    }

    @Test
    void refusesOverlongPathsAndSaysWhy() {
        assertThat(RulePath.problem("a".repeat(251) + ".drl")).isNull();
        assertThat(RulePath.problem("a".repeat(252) + ".drl")).contains("255");
        assertThat(RulePath.problem("tests/x.drl")).isEqualTo("tests/ holds scenario tests, not rules");
        assertThat(RulePath.problem("../x.drl")).contains("'..'");
    }
}
