package com.userautomations.analyst;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * "analysts-rules", a wellness check (in /q/health and /q/health/well, not in /q/health/ready):
 * DOWN for AUTOMATIONS_ANALYST_HEALTH_WINDOW after an
 * analysts' rule was stopped for going over its bounds (naming it, its file and when), and while
 * stopped firings have threads that have not come back; UP otherwise. Not readiness: one bad
 * rule would then take every process that loads it out of rotation for every school, though
 * only the events that reach that rule fail. The service is degraded, not unready.
 */
@Wellness
@ApplicationScoped
public class AnalystRulesHealth implements HealthCheck {
    private final RuleLimits limits;

    public AnalystRulesHealth(RuleLimits limits) {
        this.limits = limits;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("analysts-rules").up();
        int stuck = limits.threads().stuck();
        r.withData("stuckThreads", stuck);
        limits.recentStop().ifPresent(s -> {
            r.down().withData("stoppedAt", s.at().toString()).withData("reason", s.stopped().getMessage());
            if (s.stopped().rule() != null) {
                r.withData("rule", s.stopped().rule()).withData("file", s.stopped().file());
            }
        });
        if (stuck > 0) {
            r.down();
        }
        return r.build();
    }
}
