package com.userautomations.bench.load;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's webhook endpoint for benchmarks: on 127.0.0.1, it reads each delivery, waits
 * the configured time (a platform's own work) and answers 200, counting what it received. It
 * does not check signatures (the tests do): the benchmark measures the service, not a verifier.
 */
final class DeliveryReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(256);
    private final AtomicLong received = new AtomicLong();

    DeliveryReceiver(int delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
