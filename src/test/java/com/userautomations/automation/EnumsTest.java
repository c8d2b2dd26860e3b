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
        assertThat(TriggerType.values()).hasSize(10);
        assertThat(ActionType.values()).hasSize(11);
        assertThat(ConditionType.values()).hasSize(12);
        assertThat(FieldOp.values()).hasSize(7);
    }
}
