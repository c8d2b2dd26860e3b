package com.userautomations.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * For tests whose webhook receivers and push services are real servers on 127.0.0.1: the
 * outbound guard lets private networks through (and http), as an operator would set
 * AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true inside a private network. Every other test
 * runs with the guard as shipped.
 */
public class OutboundToLocalhost implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("automations.webhooks.allow-private-networks", "true");
    }
}
