package com.userautomations.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** AUTOMATIONS_PUSH_*: how pushes leave. */
@ConfigMapping(prefix = "automations.push")
public interface PushConfig {
    /** AUTOMATIONS_PUSH_TTL: seconds a push service keeps an undelivered push (the TTL header). */
    @WithDefault("86400")
    long ttl();

    /** AUTOMATIONS_PUSH_CONCURRENCY: pushes in flight at once per push service (per process). */
    @WithDefault("4")
    int concurrency();
}
