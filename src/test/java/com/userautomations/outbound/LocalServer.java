package com.userautomations.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP(S) server on 127.0.0.1 for the client's tests; what it answers depends on the
 * path: /ok 200, /redirect 302 to /ok, /slow never, /close drops the connection, /retry-seconds
 * and /retry-date 503 and 429 with a Retry-After, /big 200 with a 1 MiB body.
 */
final class LocalServer implements AutoCloseable {
    record Seen(String method, String uri, String host, String serverName, Map<String, String> headers, byte[] body) {
    }

    static final String RETRY_DATE = "Fri, 04 Dec 2026 12:01:30 GMT";

    final List<Seen> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final HttpServer server;

    LocalServer(Vertx vertx, HttpServerOptions options) throws Exception {
        server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0));
        server.connectionHandler(connection -> connections.incrementAndGet());
        server.requestHandler(this::answer);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    private void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            requests.add(new Seen(request.method().name(), request.uri(), request.getHeader("Host"),
                    request.connection().indicatedServerName(), headers, body.getBytes()));
            switch (request.path()) {
                case "/ok" -> request.response().setStatusCode(200).end("fine");
                case "/redirect" -> request.response().setStatusCode(302).putHeader("Location", "/ok").end();
                case "/slow" -> { }
                case "/close" -> request.connection().close();
                case "/retry-seconds" -> request.response().setStatusCode(503).putHeader("Retry-After", "120").end();
                case "/retry-date" -> request.response().setStatusCode(429).putHeader("Retry-After", RETRY_DATE).end();
                case "/big" -> request.response().setStatusCode(200).end("x".repeat(1 << 20));
                default -> request.response().setStatusCode(404).end();
            }
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
