package com.userautomations.common;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cursor itself: opaque keys that only its list, school and filters can read, for 24 hours. */
class CursorsTest {
    private static final Instant MADE = Instant.parse("2026-12-01T10:00:00Z");
    private static final CursorSecret KEY = () -> "0123456789abcdef0123456789abcdef".getBytes();

    private static Cursors at(Instant now) {
        return new Cursors(KEY, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void readsBackItsKeysWithinADay() {
        String scope = Cursors.scope("runs", "acme", "a1", null, null);
        String cursor = at(MADE).make(scope, List.of("2026-12-01T09:59:59.123456Z", "run_1"));
        assertThat(cursor).doesNotContain("run_1").matches("[A-Za-z0-9_-]+");
        assertThat(at(MADE.plus(Duration.ofHours(23))).request("5", cursor, scope))
                .isEqualTo(new Cursors.PageRequest(5, List.of("2026-12-01T09:59:59.123456Z", "run_1")));
        assertThat(at(MADE).request(null, null, scope)).isEqualTo(new Cursors.PageRequest(100, List.of()));
    }

    @Test
    void anOldCursorIsA422AtCursor() {
        String scope = Cursors.scope("emails", "acme", null, null);
        String cursor = at(MADE).make(scope, List.of("x"));
        assertThatThrownBy(() -> at(MADE.plus(Duration.ofHours(24)).plusSeconds(1)).request(null, cursor, scope))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(field((ApiException) e)).isEqualTo("cursor"));
    }

    @Test
    void otherFiltersSchoolsOrKeysAreA422AtCursor() {
        String scope = Cursors.scope("runs", "acme", "a1", null, null);
        String cursor = at(MADE).make(scope, List.of("k"));
        for (String other : List.of(Cursors.scope("runs", "acme", "a2", null, null), Cursors.scope("runs", "beta", "a1", null, null),
                Cursors.scope("emails", "acme", "a1", null, null), Cursors.scope("runs", "acme", null, "a1", null))) {
            assertThatThrownBy(() -> at(MADE).request(null, cursor, other)).satisfies(e -> assertThat(field((ApiException) e)).isEqualTo("cursor"));
        }
        byte[] raw = java.util.Base64.getUrlDecoder().decode(cursor);
        raw[raw.length - 20] ^= 1;
        String changed = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> at(MADE).request(null, changed, scope)).satisfies(e -> assertThat(field((ApiException) e)).isEqualTo("cursor"));
        assertThatThrownBy(() -> at(MADE).request("0", null, scope)).satisfies(e -> assertThat(field((ApiException) e)).isEqualTo("limit"));
    }

    private static String field(ApiException e) {
        assertThat(e.status()).isEqualTo(422);
        return ((FieldError) e.toProblem().errors().get(0)).field();
    }
}
