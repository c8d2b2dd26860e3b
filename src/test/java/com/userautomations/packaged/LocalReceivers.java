package com.userautomations.packaged;

import com.userautomations.push.PushServiceStandIn;
import com.userautomations.webhooks.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The school's platform (a signed-webhook receiver) and a push service (a stand-in that decrypts
 * each push) in the test JVM, for a packaged build started with a fresh data directory and
 * private networks allowed, as an operator inside a private network would set it.
 */
public class LocalReceivers implements QuarkusTestResourceLifecycleManager {
    static WebhookReceiver platform;
    static PushServiceStandIn pushService;
    private final EmbeddedDataDir dataDir = new EmbeddedDataDir();

    @Override
    public Map<String, String> start() {
        try {
            platform = WebhookReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pushService = PushServiceStandIn.start();
        Map<String, String> config = new HashMap<>(dataDir.start());
        config.put("automations.webhooks.allow-private-networks", "true");
        config.put("automations.webhooks.retry-schedule", "PT0.5S,PT0.5S,PT0.5S,PT0.5S");
        return config;
    }

    @Override
    public void stop() {
        platform.close();
        pushService.close();
    }
}
