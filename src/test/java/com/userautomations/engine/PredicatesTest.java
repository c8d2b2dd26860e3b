package com.userautomations.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredicatesTest {
    private final Map<String, String> fields = new HashMap<>(Map.of("n", "100", "s", "abc", "e", ""));

    @Test
    void comparesNumbersAsNumbers() {
        assertThat(Predicates.fieldGt(fields, "n", "99")).isTrue();
        assertThat(Predicates.fieldLt(fields, "n", "99")).isFalse();
        assertThat(Predicates.fieldGt(fields, "n", "100.0")).isFalse();
        assertThat(Predicates.fieldLt(fields, "n", "1E3")).isTrue();
        assertThat(Predicates.fieldGt(fields, "n", " 99 ")).isTrue();
    }

    @Test
    void anythingThatIsNotANumberComparesFalse() {
        assertThat(Predicates.fieldGt(fields, "s", "1")).isFalse();
        assertThat(Predicates.fieldLt(fields, "s", "1")).isFalse();
        assertThat(Predicates.fieldGt(fields, "n", "abc")).isFalse();
        assertThat(Predicates.fieldGt(fields, "e", "-1")).isFalse();
        assertThat(Predicates.fieldGt(fields, "missing", "-1")).isFalse();
        assertThat(Predicates.fieldGt(fields, "n", "NaN")).isFalse();
        assertThat(Predicates.fieldGt(fields, "n", "1e99999999999")).isFalse(); // exponent overflow: not a number
        assertThat(Predicates.fieldGt(Map.of("n", "9".repeat(101)), "n", "1")).isFalse(); // too long to be one
    }

    @Test
    void notEqualsIsTrueWhenMissingAndExistsNeedsAValue() {
        fields.put("null", null);
        assertThat(Predicates.fieldNotEquals(fields, "missing", "x")).isTrue();
        assertThat(Predicates.fieldNotEquals(fields, "s", "abc")).isFalse();
        assertThat(Predicates.fieldExists(fields, "e")).isTrue();
        assertThat(Predicates.fieldExists(fields, "null")).isFalse();
        assertThat(Predicates.fieldExists(fields, "missing")).isFalse();
        assertThat(Predicates.fieldEquals(fields, "null", "null")).isFalse();
    }

    @Test
    void setHelpers() {
        Set<String> have = Set.of("a", "b");
        assertThat(Predicates.containsAll(have, "a", "b")).isTrue();
        assertThat(Predicates.containsAll(have, "a", "c")).isFalse();
        assertThat(Predicates.containsAny(have, "c", "b")).isTrue();
        assertThat(Predicates.containsAny(Set.of(), "a")).isFalse();
        assertThat(Predicates.containsNone(have, "c")).isTrue();
        assertThat(Predicates.in("b", "a", "b")).isTrue();
        assertThat(Predicates.in(null, "a")).isFalse();
        assertThat(Predicates.emailDomainIn("corp.test", "CORP.test")).isTrue();
        assertThat(Predicates.emailDomainIn("", "")).isFalse();
    }

    @Test
    void domainOfEmail() {
        assertThat(UserSnapshot.domainOf("Ann@Corp.TEST")).isEqualTo("corp.test");
        assertThat(UserSnapshot.domainOf("no-at-sign")).isEmpty();
        assertThat(UserSnapshot.domainOf(null)).isEmpty();
    }
}
