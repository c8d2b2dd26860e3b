package com.userautomations.analyst;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.common.Page;
import com.userautomations.support.GreenMailResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules files list as a record writes what the generic page wrote (issue 11), a global file's schoolId as null. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class RuleFileListTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void theListWritesWhatThePageWrote() throws Exception {
        List<RuleFileView> files = List.of(new RuleFileView("global/a.drl", null, "drl", List.of("A"), 12, "ab"),
                new RuleFileView("schools/s1/b.dmn", "s1", "dmn", List.of(), 3, "cd"));
        for (String next : new String[] {null, "abc"}) {
            String json = mapper.writeValueAsString(new RuleFileList(files, next));
            assertThat(json).isEqualTo(mapper.writeValueAsString(new Page<>(files, next))).contains("\"schoolId\":null");
        }
    }
}
