package com.userautomations.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every answer, set where Vert.x writes them, so 404s of unknown paths, /q/*, static
 * files and failures carry them too: {@code X-Content-Type-Options: nosniff} everywhere,
 * {@code WWW-Authenticate: Bearer} on every 401, and {@code Cache-Control: no-store} under /api,
 * whose answers may carry a new API key or a school's data. Answers Vert.x makes before routing
 * (414, 431) get nosniff from {@link RequestDeadline}.
 */
@ApplicationScoped
public class EdgeHeaders {
    static final String NOSNIFF_NAME = "X-Content-Type-Options";
    static final String NOSNIFF_VALUE = "nosniff";
    /** Runs before Quarkus' own filters and before {@link MetricsAccess}, so its refusals get the headers too. */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            boolean api = rc.normalizedPath().startsWith("/api/");
            HttpServerResponse response = rc.response();
            // the routing context's list, not response.headersEndHandler: that holds one handler, which others replace
            rc.addHeadersEndHandler(v -> {
                MultiMap headers = response.headers();
                headers.set(NOSNIFF_NAME, NOSNIFF_VALUE);
                if (response.getStatusCode() == 401 && !headers.contains("WWW-Authenticate")) {
                    headers.set("WWW-Authenticate", "Bearer");
                }
                if (api) {
                    headers.set("Cache-Control", "no-store");
                }
            });
            rc.next();
        }, PRIORITY);
    }
}
