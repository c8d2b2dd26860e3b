package com.userautomations.automation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumsTest {

    @Test
    void wireNamesRoundTrip() {
        assertThat(TriggerType.fromWire("certificate.awarded")).contains(TriggerType.CERTIFICATE_AWARDED);
        assertThat(ActionType.fromWire("add_email_domain_tag")).contains(ActionType.ADD_EMAIL_DOMAIN_TAG);
        assertThat(ActionType.fromWire("add_tag_from_decision")).contains(ActionType.ADD_TAG_FROM_DECISION);
        assertThat(ConditionType.fromWire("decision")).contains(ConditionType.DECISION);
        assertThat(DecisionValue.Kind.fromWire("number")).contains(DecisionValue.Kind.NUMBER);
        for (ActionType t : ActionType.values()) {
            assertThat(ActionType.fromWire(t.wireName())).contains(t);
        }
        for (ConditionType t : ConditionType.values()) {
            assertThat(ConditionType.fromWire(t.wireName())).contains(t);
        }
        assertThat(FieldOp.fromWire("starts_with")).contains(FieldOp.STARTS_WITH);
        assertThat(Reentry.fromWire("once_per_user")).contains(Reentry.ONCE_PER_USER);
        assertThat(AutomationStatus.fromWire("paused")).contains(AutomationStatus.PAUSED);
        assertThat(EmailRecipient.fromWire("admins")).contains(EmailRecipient.ADMINS);
        assertThat(Role.fromWire("lead")).contains(Role.LEAD);
        assertThat(UnenrollReason.fromWire("subscription_ended")).contains(UnenrollReason.SUBSCRIPTION_ENDED);
        for (TriggerType t : TriggerType.values()) {
            assertThat(TriggerType.fromWire(t.wireName())).contains(t);
        }
    }

    @Test
    void unknownOrDifferentlyCasedNamesAreNotFound() {
        assertThat(TriggerType.fromWire("USER.SIGNED_UP")).isEmpty();
        assertThat(ActionType.fromWire("ENROLL")).isEmpty();
        assertThat(Role.fromWire(null)).isEmpty();
        assertThat(TriggerType.values()).hasSize(12);
        assertThat(ActionType.values()).hasSize(13);
        assertThat(ConditionType.values()).hasSize(12);
        assertThat(FieldOp.values()).hasSize(7);
    }

    /** The wire names are derived from the constants' names: pinning every list catches a renamed constant. */
    @Test
    void everyWireNameIsTheDocumentedOne() {
        assertThat(ActionType.allowed()).isEqualTo("enroll, unenroll, complete_courses, add_tags, remove_tags, "
                + "add_email_domain_tag, add_to_space, remove_from_space, send_email, send_webhook, send_push, add_tag_from_decision, wait");
        assertThat(ConditionType.allowed()).isEqualTo("registered_before, registered_after, has_tags, has_any_tag, "
                + "email_domain, role, source, enrolled_in, completed_course, in_space, field, decision");
        assertThat(FieldOp.allowed()).isEqualTo("equals, not_equals, contains, starts_with, exists, gt, lt");
        assertThat(Role.allowed()).isEqualTo("learner, instructor, admin, lead");
        assertThat(EmailRecipient.allowed()).isEqualTo("user, admins, address");
        assertThat(WireNames.list(DecisionValue.Kind.values())).isEqualTo("string, number, boolean");
        assertThat(UnenrollReason.allowed()).isEqualTo("expired, subscription_ended, admin, other");
        assertThat(AutomationStatus.allowed()).isEqualTo("active, paused");
        assertThat(Reentry.allowed()).isEqualTo("every_time, once_per_user");
        assertThat(TriggerType.allowed()).isEqualTo("user.signed_up, user.enrolled, user.unenrolled, course.completed, "
                + "certificate.awarded, course.previewed, form.submitted, tags.added, tags.removed, coupon.claimed, "
                + "user.visited, user.inactive");
    }
}
