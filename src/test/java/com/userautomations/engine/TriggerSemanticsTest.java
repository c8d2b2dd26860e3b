package com.userautomations.engine;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static com.userautomations.engine.TestFacts.event;
import static com.userautomations.engine.TestFacts.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every trigger type and filter, all in one school's rule base so that rules cannot leak into each other. */
class TriggerSemanticsTest {
    private static final String SCHOOL = "acme";

    private final TestSchools schools = new TestSchools().put(SCHOOL, 1,
            automation("signup", 1, definition("{'type': 'user.signed_up'}", null)),
            automation("enrolled-any", 1, definition("{'type': 'user.enrolled'}", null)),
            automation("enrolled-c1", 1, definition("{'type': 'user.enrolled', 'courseIds': ['c1']}", null)),
            automation("enrolled-c1-c2", 1, definition("{'type': 'user.enrolled', 'courseIds': ['c1', 'c2']}", null)),
            automation("unenrolled-c1-expired", 1,
                    definition("{'type': 'user.unenrolled', 'courseIds': ['c1'], 'reasons': ['expired']}", null)),
            automation("unenrolled-admin-other", 1,
                    definition("{'type': 'user.unenrolled', 'reasons': ['admin', 'other']}", null)),
            automation("completed-c2", 1, definition("{'type': 'course.completed', 'courseIds': ['c2']}", null)),
            automation("certificate-c1", 1, definition("{'type': 'certificate.awarded', 'courseIds': ['c1']}", null)),
            automation("previewed-any", 1, definition("{'type': 'course.previewed'}", null)),
            automation("form-f1", 1, definition("{'type': 'form.submitted', 'formIds': ['f1']}", null)),
            automation("coupon-bf-xmas", 1,
                    definition("{'type': 'coupon.claimed', 'couponCodes': ['BF2026', 'XMAS']}", null)),
            automation("added-t1-t2-t3", 1, definition("{'type': 'tags.added', 'tags': ['t1', 't2', 't3']}", null)),
            automation("added-any", 1, definition("{'type': 'tags.added'}", null)),
            automation("removed-t1-t2", 1, definition("{'type': 'tags.removed', 'tags': ['t1', 't2']}", null)),
            automation("removed-any", 1, definition("{'type': 'tags.removed'}", null)),
            automation("signup-or-f2", 1,
                    definition("{'type': 'user.signed_up'}, {'type': 'form.submitted', 'formIds': ['f2']}", null)));
    private final RuleBaseRegistry registry = new RuleBaseRegistry(schools);

    private List<String> fire(EventFact e) {
        return registry.evaluate(SCHOOL, 1, e).stream().map(Match::automationId).toList();
    }

    private final UserSnapshot ann = user().build();

    @Test
    void signedUp() {
        assertThat(fire(event("user.signed_up", ann).build())).containsExactly("signup", "signup-or-f2");
    }

    @Test
    void enrolledFiltersByCourse() {
        assertThat(fire(event("user.enrolled", ann).courseId("c1").build()))
                .containsExactly("enrolled-any", "enrolled-c1", "enrolled-c1-c2");
        assertThat(fire(event("user.enrolled", ann).courseId("c2").build()))
                .containsExactly("enrolled-any", "enrolled-c1-c2");
        assertThat(fire(event("user.enrolled", ann).courseId("c3").build())).containsExactly("enrolled-any");
    }

    @Test
    void unenrolledFiltersByCourseAndReason() {
        assertThat(fire(event("user.unenrolled", ann).courseId("c1").reason("expired").build()))
                .containsExactly("unenrolled-c1-expired");
        assertThat(fire(event("user.unenrolled", ann).courseId("c1").reason("admin").build()))
                .containsExactly("unenrolled-admin-other");
        assertThat(fire(event("user.unenrolled", ann).courseId("c2").reason("expired").build())).isEmpty();
        assertThat(fire(event("user.unenrolled", ann).courseId("c2").reason("other").build()))
                .containsExactly("unenrolled-admin-other");
    }

    @Test
    void completedCertificateAndPreviewed() {
        assertThat(fire(event("course.completed", ann).courseId("c2").build())).containsExactly("completed-c2");
        assertThat(fire(event("course.completed", ann).courseId("c1").build())).isEmpty();
        assertThat(fire(event("certificate.awarded", ann).courseId("c1").certificateId("cert-9").build()))
                .containsExactly("certificate-c1");
        assertThat(fire(event("certificate.awarded", ann).courseId("c2").build())).isEmpty();
        assertThat(fire(event("course.previewed", ann).courseId("c9").build())).containsExactly("previewed-any");
    }

    @Test
    void formSubmittedFiltersByForm() {
        assertThat(fire(event("form.submitted", ann).formId("f1").build())).containsExactly("form-f1");
        assertThat(fire(event("form.submitted", ann).formId("f2").build())).containsExactly("signup-or-f2");
        assertThat(fire(event("form.submitted", ann).formId("f3").build())).isEmpty();
    }

    @Test
    void couponClaimedFiltersByCode() {
        assertThat(fire(event("coupon.claimed", ann).couponCode("XMAS").build())).containsExactly("coupon-bf-xmas");
        assertThat(fire(event("coupon.claimed", ann).couponCode("xmas").build())).isEmpty();
    }

    @Test
    void tagsAddedAccumulateOverTime() {
        // t1 and t2 were added by earlier events; this one adds t3
        UserSnapshot after = user().tags("t1", "t2", "t3").build();
        assertThat(fire(event("tags.added", after).tagsAdded(Set.of("t3")).build()))
                .containsExactly("added-any", "added-t1-t2-t3");
    }

    @Test
    void tagsAddedNeedsEveryListedTagAfterwards() {
        UserSnapshot after = user().tags("t1", "t3").build();
        assertThat(fire(event("tags.added", after).tagsAdded(Set.of("t3")).build())).containsExactly("added-any");
    }

    @Test
    void tagsAddedNeedsTheEventToAddOneOfThem() {
        UserSnapshot after = user().tags("t1", "t2", "t3", "other").build();
        // re-adding tags the user had adds nothing new
        assertThat(fire(event("tags.added", after).tagsAdded(Set.of()).build())).isEmpty();
        // a new tag that is not listed only starts the "any tag" automation
        assertThat(fire(event("tags.added", after).tagsAdded(Set.of("other")).build())).containsExactly("added-any");
    }

    @Test
    void tagsRemovedNeedsNoneLeft() {
        UserSnapshot none = user().tags("x").build();
        assertThat(fire(event("tags.removed", none).tagsRemoved(Set.of("t1")).build()))
                .containsExactly("removed-any", "removed-t1-t2");
        UserSnapshot stillT2 = user().tags("t2").build();
        assertThat(fire(event("tags.removed", stillT2).tagsRemoved(Set.of("t1")).build()))
                .containsExactly("removed-any");
        assertThat(fire(event("tags.removed", none).tagsRemoved(Set.of("x9")).build())).containsExactly("removed-any");
        assertThat(fire(event("tags.removed", none).tagsRemoved(Set.of()).build())).isEmpty();
    }

    @Test
    void anEventTypeStartsOnlyItsOwnTriggers() {
        // a tags event whose course id matches an enrolment filter does not start it
        assertThat(fire(event("tags.added", user().tags("t1").build()).courseId("c1").tagsAdded(Set.of("t1")).build()))
                .containsExactly("added-any");
        assertThat(fire(event("user.deleted", ann).build())).isEmpty();
    }

    @Test
    void matchesCarryTheVersionAndComeOncePerAutomationInIdOrder() {
        List<Match> matches = registry.evaluate(SCHOOL, 1, event("user.enrolled", ann).courseId("c1").build());

        assertThat(matches).containsExactly(new Match("enrolled-any", 1), new Match("enrolled-c1", 1),
                new Match("enrolled-c1-c2", 1));
    }

    @Test
    void eventFieldsArePassedThrough() {
        EventFact e = event("form.submitted", ann).formId("f1").fields(Map.of("email", "x@y.test")).build();

        assertThat(fire(e)).containsExactly("form-f1");
        assertThat(e.matches()).containsExactly(new Match("form-f1", 1));
    }
}
