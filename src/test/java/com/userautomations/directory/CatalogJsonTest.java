package com.userautomations.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.common.Page;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Courses and spaces were answered as maps keyed by the kind's column names; the records must
 * write the same text, key order included, with the mapper that writes the answers.
 */
@QuarkusTest
class CatalogJsonTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void aCourseIsWrittenAsTheMapWas() throws Exception {
        CourseView course = CatalogKind.COURSE.row.of("c1", "Intro", true);
        assertThat(mapper.writeValueAsString(course))
                .isEqualTo(mapper.writeValueAsString(asMap(CatalogKind.COURSE, "c1", "Intro", true)))
                .isEqualTo("{\"id\":\"c1\",\"title\":\"Intro\",\"paid\":true}");
    }

    @Test
    void aSpaceIsWrittenAsTheMapWasWithItsPrivateFlagNamedPrivate() throws Exception {
        SpaceView space = CatalogKind.SPACE.row.of("s1", "Alumni", false);
        assertThat(mapper.writeValueAsString(space))
                .isEqualTo(mapper.writeValueAsString(asMap(CatalogKind.SPACE, "s1", "Alumni", false)))
                .isEqualTo("{\"id\":\"s1\",\"name\":\"Alumni\",\"private\":false}");
    }

    @Test
    void aPageOfCoursesKeepsItsNullCursor() throws Exception {
        assertThat(mapper.writeValueAsString(new Page<>(List.of(new CourseView("c1", "Intro", false)), null)))
                .isEqualTo("{\"items\":[{\"id\":\"c1\",\"title\":\"Intro\",\"paid\":false}],\"nextCursor\":null}");
    }

    /** What CatalogService built before the records. */
    private static Map<String, Object> asMap(CatalogKind<?> kind, String id, String label, boolean flag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put(kind.label, label);
        m.put(kind.flag, flag);
        return m;
    }
}
