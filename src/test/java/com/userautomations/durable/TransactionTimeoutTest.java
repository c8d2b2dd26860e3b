package com.userautomations.durable;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/**
 * A transaction that outlives the JTA timeout is rolled back by the transaction manager while
 * the request still works in it: that too is a 503 that changed nothing, never a 500. The
 * timeout here is shorter than the lock wait, so the transaction manager gives up first.
 */
@QuarkusTest
@TestProfile(TransactionTimeoutTest.ShortTransactions.class)
class TransactionTimeoutTest {

    public static class ShortTransactions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.transaction-manager.default-transaction-timeout", "1s",
                    "quarkus.datasource.jdbc.new-connection-sql", "SET LOCK_TIMEOUT = 4000");
        }
    }

    @Test
    void aTransactionRolledBackByItsTimeoutAnswers503() throws Exception {
        School s = School.create("txtimeout").user("u1", Map.of("email", "u1@x.test"));
        String event = "{\"id\": \"e1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"]}";
        var config = ConfigProvider.getConfig();
        try (Connection holder = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("SELECT id FROM users WHERE school_id = ? AND id = 'u1' FOR UPDATE")) {
                ps.setString(1, s.id());
                assertThat(ps.executeQuery().next()).isTrue();
            }
            Response r = s.key.req().body(event).post(s.key.path("/events"));
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
            assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
            holder.rollback();
        }
        s.get("/events/e1").statusCode(404);
        s.getUser("u1").body("tags", empty());
        s.post(event).statusCode(202);
        s.getUser("u1").body("tags", contains("go"));
    }
}
