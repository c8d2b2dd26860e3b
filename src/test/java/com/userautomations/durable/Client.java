package com.userautomations.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP with a bearer token, with java.net.http (HTTP/1.1, as the platform posts). */
final class Client {
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // JDK 17's HttpClient retries a failed connect once on the channel that failure closed, and
        // then reports a ClosedChannelException instead of the real cause: report the real cause.
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
    }

    static HttpClient newHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Response(int status, String text) {
        JsonNode json() {
            try {
                return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + text, e);
            }
        }

        Response expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new AssertionError("expected status " + java.util.Arrays.toString(statuses) + " but got " + status
                    + ": " + text);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    Client(String baseUrl, String token) {
        this(newHttp(), baseUrl, token);
    }

    Client(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Client as(String otherToken) {
        return new Client(http, baseUrl, otherToken);
    }

    Client at(String otherBaseUrl) {
        return new Client(http, otherBaseUrl, token);
    }

    /** GET, tried again (up to three times) when the connection fails: reading twice changes nothing. */
    Response get(String path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return send("GET", path, null);
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                ServiceProcess.sleep(500);
            }
        }
    }

    Response post(String path, String body) throws IOException {
        return send("POST", path, body);
    }

    Response put(String path, String body) throws IOException {
        return send("PUT", path, body);
    }

    Response patch(String path, String body) throws IOException {
        return send("PATCH", path, body);
    }

    Response delete(String path) throws IOException {
        return send("DELETE", path, null);
    }

    /**
     * A request; a failure to connect is tried again twice (nothing was sent, so that is safe for
     * any method), any other I/O failure (reset, timed out) is thrown for the caller to retry or fail.
     */
    Response send(String method, String path, String body) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (java.net.ConnectException e) {
                if (attempt == 3) {
                    throw e;
                }
                if (!quietConnectFailures) {
                    System.out.println("connect to " + baseUrl + " failed (" + e + "), trying again");
                }
                ServiceProcess.sleep(300);
            }
        }
    }

    /** Set while a test expects the service to be down (kill and restart). */
    static volatile boolean quietConnectFailures;

    Response sendOnce(String method, String path, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
