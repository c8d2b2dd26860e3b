package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.userautomations.support.GreenMailResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The beans as the service has them (the container's Vert.x, the system resolver, the configured
 * AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS), against a JDK server on 127.0.0.1: a call
 * arrives when private networks are allowed, and is refused before connecting when they are not.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class OutboundWiringTest {
    @Inject
    OutboundUrls urls;

    @Inject
    GuardedHttp http;

    @ConfigProperty(name = "automations.webhooks.allow-private-networks", defaultValue = "false")
    boolean privateNetworksAllowed;

    @Test
    void theConfiguredRuleDecidesWhetherLoopbackIsCalled() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/in", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
            OutboundAnswer answer = http.postAndWait(URI.create(url), Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            if (privateNetworksAllowed) {
                assertThat(urls.refusal(url)).isNull();
                assertThat(answer.status()).isEqualTo(204);
                assertThat(calls).hasValue(1);
            } else {
                assertThat(urls.refusal(url)).isEqualTo("The URL must be absolute and start with https://.");
                assertThat(urls.refusal("https://127.0.0.1/in")).startsWith("The URL's host is a loopback address");
                assertThat(answer.failure()).isEqualTo("The URL must be absolute and start with https://.");
                assertThat(http.postAndWait(URI.create("https://localhost:" + server.getAddress().getPort() + "/in"),
                        Map.of(), new byte[0], Duration.ofSeconds(5)).failure())
                        .startsWith("The URL's host name resolves to a loopback address");
                assertThat(calls).hasValue(0);
            }
        } finally {
            server.stop(0);
        }
    }
}
