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
}
