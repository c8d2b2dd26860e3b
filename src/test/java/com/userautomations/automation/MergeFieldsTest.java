package com.userautomations.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeFieldsTest {
    private final Map<String, String> data = Map.of(
            "user.firstName", "Ann",
            "user.email", "ann@corp.test",
            "user.fields.company", "{user.email} $1 \\ ${x}",
            "event.fields.page", "/pricing",
            "course.title", "Intro",
            "school.name", "Acme");

    @Test
    void replacesKnownFieldsWithData() {
        String out = MergeFields.render("Hi {user.firstName} from {school.name}: {course.title} ({event.fields.page})",
                data::get);

        assertThat(out).isEqualTo("Hi Ann from Acme: Intro (/pricing)");
    }

    @Test
    void missingValuesBecomeEmpty() {
        assertThat(MergeFields.render("[{user.lastName}][{user.fields.nick}]", data::get)).isEqualTo("[][]");
    }

    @Test
    void valuesAreNeverExpandedOrEvaluated() {
        // the value looks like a merge field, a regex group reference and an expression: it stays text
        assertThat(MergeFields.render("Co: {user.fields.company}", data::get))
                .isEqualTo("Co: {user.email} $1 \\ ${x}");
    }

    @Test
    void leavesTextThatIsNotAMergeFieldAlone() {
        assertThat(MergeFields.render("{ not one } {user.password} {", data::get))
                .isEqualTo("{ not one } {user.password} {");
    }

    @Test
    void knowsTheClosedSet() {
        assertThat(MergeFields.unknownFields("{user.firstName}{user.lastName}{user.email}{user.fields.X}"
                + "{event.fields.Y}{course.title}{school.name}")).isEmpty();
        assertThat(MergeFields.unknownFields("{user.id} {event.fields.} {} {#{1+1}}"))
                .containsExactly("user.id", "event.fields.", "", "1+1");
    }

    @Test
    void aBoundedRenderStopsAtTheFirstPieceThatPassesTheBound() {
        int[] asked = new int[1];
        java.util.function.Function<String, String> big = name -> {
            asked[0]++;
            return "x".repeat(100);
        };
        // 10 values of 100 characters against a bound of 250: refused on the third, never asking for the rest
        assertThat(MergeFields.render("{user.firstName}".repeat(10), big, MergeFields.Measure.CODE_POINTS, 250))
                .isEmpty();
        assertThat(asked[0]).isEqualTo(3);
        assertThat(MergeFields.render("ab{user.firstName}", big, MergeFields.Measure.CODE_POINTS, 102))
                .contains("ab" + "x".repeat(100));
        assertThat(MergeFields.render("ab{user.firstName}c", big, MergeFields.Measure.CODE_POINTS, 102)).isEmpty();
    }

    @Test
    void boundsCountCodePointsOrUtf8Bytes() {
        // one code point, two UTF-16 units, four UTF-8 bytes; then three bytes, then two
        String text = "\uD83D\uDE00\u20AC\u00E9a";
        assertThat(MergeFields.render(text, data::get, MergeFields.Measure.CODE_POINTS, 4)).contains(text);
        assertThat(MergeFields.render(text, data::get, MergeFields.Measure.CODE_POINTS, 3)).isEmpty();
        assertThat(MergeFields.render(text, data::get, MergeFields.Measure.UTF8_BYTES, 10)).contains(text);
        assertThat(MergeFields.render(text, data::get, MergeFields.Measure.UTF8_BYTES, 9)).isEmpty();
    }
}
