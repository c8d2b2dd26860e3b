package com.userautomations.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** AUTOMATIONS_WEBHOOKS_*: how deliveries leave (and, for the outbound guard, where they may go). */
@ConfigMapping(prefix = "automations.webhooks")
public interface WebhooksConfig {
    /** AUTOMATIONS_WEBHOOKS_CONCURRENCY: deliveries in flight at once per endpoint (per process). */
    @WithDefault("4")
    int concurrency();

    /**
     * AUTOMATIONS_WEBHOOKS_RETRY_SCHEDULE: the delays between attempts of a webhook or a push,
     * comma-separated ISO-8601 durations; default 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
     */
    Optional<List<Duration>> retrySchedule();

    /**
     * AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: lifts the address rule for webhooks and push
     * endpoints and allows http (read by the outbound guard; declared here so it is one setting).
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();
}
