package com.userautomations.webhooks;

import com.userautomations.automation.WebhookCheck;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The endpoints of a school, for automations that name one in a send_webhook action. */
@ApplicationScoped
public class WebhookReferences implements WebhookCheck {
    private final Sql sql;

    public WebhookReferences(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Set<String> missing(String schoolId, Collection<String> endpointIds) {
        Set<String> missing = new HashSet<>(endpointIds);
        if (missing.isEmpty()) {
            return missing;
        }
        // at most 100 actions per list: one statement with a placeholder each
        String marks = String.join(", ", java.util.Collections.nCopies(missing.size(), "?"));
        Object[] params = new Object[missing.size() + 1];
        params[0] = schoolId;
        int i = 1;
        for (String id : missing) {
            params[i++] = id;
        }
        missing.removeAll(sql.query("SELECT id FROM webhook_endpoints WHERE school_id = ? AND id IN (" + marks + ")",
                rs -> rs.getString(1), params));
        return missing;
    }
}
