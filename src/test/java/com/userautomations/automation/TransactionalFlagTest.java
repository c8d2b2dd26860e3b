package com.userautomations.automation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code "transactional"}: a boolean of send_email and send_push only, kept through the stored definition. */
class TransactionalFlagTest {
    private static final String START = "{'name': 'T', 'triggers': [{'type': 'coupon.claimed'}], 'actions': [";

    private static ParseResult parse(String action) {
        return DefinitionParserTest.parse(START + action + "]}");
    }

    @Test
    void onAnEmailOrAPushItIsKeptAndWrittenBack() {
        ParseResult email = parse("{'type': 'send_email', 'to': 'user', 'subject': 'S', 'body': 'B', 'transactional': true}");
        assertThat(email.errors()).isEmpty();
        Action a = email.definition().actions().get(0);
        assertThat(a.transactional()).isTrue();
        assertThat(DefinitionJson.action(a).get("transactional").booleanValue()).isTrue();

        ParseResult push = parse("{'type': 'send_push', 'title': 'T', 'body': 'B', 'transactional': true}");
        assertThat(push.definition().actions().get(0).transactional()).isTrue();

        ParseResult plain = parse("{'type': 'send_email', 'to': 'admins', 'subject': 'S', 'body': 'B', 'transactional': false}");
        assertThat(plain.definition().actions().get(0).transactional()).isFalse();
        // false is the default, and not written: plain action lists are stored as before
        assertThat(DefinitionJson.action(plain.definition().actions().get(0)).has("transactional")).isFalse();
    }

    @Test
    void anythingElseIsA422AtTheField() {
        assertThat(parse("{'type': 'send_email', 'to': 'user', 'subject': 'S', 'body': 'B', 'transactional': 'yes'}")
                .errors()).extracting(e -> e.field()).containsExactly("actions[0].transactional");
        assertThat(parse("{'type': 'add_tags', 'tags': ['x'], 'transactional': true}").errors())
                .extracting(e -> e.field()).containsExactly("actions[0].transactional");
        assertThat(parse("{'type': 'send_webhook', 'webhookId': 'w', 'payload': {}, 'transactional': true}").errors())
                .extracting(e -> e.field()).contains("actions[0].transactional");
    }
}
