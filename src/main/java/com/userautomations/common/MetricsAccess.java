package com.userautomations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Prometheus endpoint names every route and its traffic, so on the public port it answers
 * only the operator token. With the management interface enabled
 * ({@code quarkus.management.enabled=true}) the metrics move to the management port, which is
 * meant to be reachable only from inside the platform, and are not guarded there.
 */
@ApplicationScoped
public class MetricsAccess {
    private final OperatorToken operatorToken;
    private final String refusal;
    private final String path;
    private final boolean onManagementPort;

    public MetricsAccess(OperatorToken operatorToken, ObjectMapper json,
                         @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "/q/metrics") String path,
                         @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false") boolean onManagementPort)
            throws JsonProcessingException {
        this.operatorToken = operatorToken;
        this.path = path;
        this.onManagementPort = onManagementPort;
        this.refusal = json.writeValueAsString(Problem.of(401, "Send Authorization: Bearer <operator token> to read the metrics", null));
    }

    void register(@Observes Filters filters) {
        if (onManagementPort) {
            return;
        }
        filters.register(rc -> {
            String p = rc.normalizedPath();
            if ((p.equals(path) || p.startsWith(path + "/"))
                    && !operatorToken.matches(BearerToken.of(rc.request().getHeader(HttpHeaders.AUTHORIZATION)))) {
                rc.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(refusal);
                return;
            }
            rc.next();
        }, EdgeHeaders.PRIORITY - 1);
    }
}
