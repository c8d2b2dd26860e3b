package com.userautomations.packaged;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged default build with an analysts' folder (AUTOMATIONS_RULES_DIR), started as an
 * operator would: a broken file stops start-up and says where; good files run, which shows the
 * DRL compiler works inside the packaged application.
 */
class PackagedAnalystRulesIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final String TOKEN = "packaged-rules-operator";
    private static final String HEADER = "package rules;\nimport com.userautomations.engine.EventFact;\n";

    @Test
    void aBrokenRuleFileStopsStartUpWithFileLineAndMessage(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("vip.drl"), HEADER + """
                rule "VIP"
                when
                    $e : EventFact(type == "user.signed_up" user.source == "partner")
                then
                    $e.addTags("vip");
                end
                """);
        Path log = dir.resolve("service.log");
        Process p = start(dir, rules, freePort(), log);
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the service exits").isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(Files.readString(log))
                    .contains("vip.drl:5:45: unexpected 'user' in rule \"VIP\" (is a comma, bracket or quote missing before it?)");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void analystRulesRunInThePackagedBuild(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("vip.drl"), HEADER + """
                rule "VIP partner sign-up"
                when
                    $e : EventFact(type == "user.signed_up", user.source == "partner")
                then
                    $e.addTags("vip", "school:" + $e.getSchool().name());
                end
                """);
        int port = freePort();
        Process p = start(dir, rules, port, dir.resolve("service.log"));
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base, p, dir.resolve("service.log"));
            HttpResponse<String> school = send(http, "POST", base + "/api/v1/schools", TOKEN,
                    "{\"id\": \"acme\", \"name\": \"Acme\", \"adminEmails\": [\"o@acme.test\"]}");
            assertThat(school.statusCode()).isEqualTo(201);
            String key = school.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> event = send(http, "POST", base + "/api/v1/schools/acme/events", key, """
                    {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "a@b.test", "source": "partner"}}""");
            assertThat(event.statusCode()).isEqualTo(202);
            assertThat(event.body()).contains("\"automationId\":\"rule:VIP partner sign-up\"", "\"status\":\"completed\"");
            HttpResponse<String> user = send(http, "GET", base + "/api/v1/schools/acme/users/u1", key, null);
            assertThat(user.body()).contains("\"tags\":[\"school:Acme\",\"vip\"]");
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Process start(Path dir, Path rules, int port, Path log) throws IOException {
        assertThat(JAR).as("run ./mvnw package first").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AUTOMATIONS_RULES_DIR", rules.toString());
        pb.environment().put("AUTOMATIONS_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("AUTOMATIONS_OPERATOR_TOKEN", TOKEN);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return pb.start();
    }

    private static void awaitReady(HttpClient http, String base, Process p, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the service exited while starting:\n" + Files.readString(log));
            }
            try {
                if (send(http, "GET", base + "/q/health/ready", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not ready:\n" + Files.readString(log));
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
