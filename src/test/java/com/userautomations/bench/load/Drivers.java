package com.userautomations.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The three ways of sending load, each on a fixed pool of threads with one keep-alive
 * connection per thread (Java 17: no virtual threads).
 *
 * <ul>
 *   <li>batch: C connections post batches of N events back to back; latency is per batch.</li>
 *   <li>closed: C connections post single events back to back (throughput at C in flight).</li>
 *   <li>rate: single events at a fixed rate, open loop. Event i is due at start + i/R; its
 *       latency is measured from that intended send time, not from when a connection got to
 *       send it, so a stalled service shows up in the percentiles instead of silently slowing
 *       the generator down (coordinated omission).</li>
 * </ul>
 */
final class Drivers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Workload workload;
    private final List<String> schools;
    private final List<String> keys;
    private final long seed;
    private int threadSeq;

    Drivers(URI url, Workload workload, Map<String, String> keys, long seed) {
        this.url = url;
        this.workload = workload;
        this.schools = new ArrayList<>(keys.keySet());
        this.keys = new ArrayList<>(keys.values());
        this.seed = seed;
    }

    Measurement batch(int connections, int size, int seconds) throws Exception {
        Measurement m = new Measurement();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        run(connections, m, (c, source) -> {
            while (System.nanoTime() < end) {
                int s = source.school();
                byte[] body = source.batch(s, size);
                long t0 = System.nanoTime();
                HttpConnection.Response r = post(c, m, s, ":batch", body);
                m.request((System.nanoTime() - t0) / 1000);
                if (r != null) {
                    batchAnswer(m, r);
                }
            }
        });
        return m;
    }

    Measurement closed(int connections, int seconds) throws Exception {
        Measurement m = new Measurement();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        run(connections, m, (c, source) -> {
            while (System.nanoTime() < end) {
                int s = source.school();
                byte[] body = source.single(s);
                long t0 = System.nanoTime();
                HttpConnection.Response r = post(c, m, s, "", body);
                m.request((System.nanoTime() - t0) / 1000);
                if (r != null) {
                    singleAnswer(m, r);
                }
            }
        });
        return m;
    }

    Measurement rate(int connections, int perSecond, int seconds) throws Exception {
        Measurement m = new Measurement();
        long periodNanos = 1_000_000_000L / perSecond;
        long total = (long) perSecond * seconds;
        AtomicLong ticket = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L; // every thread ready before the first is due
        run(connections, m, (c, source) -> {
            for (long i = ticket.getAndIncrement(); i < total; i = ticket.getAndIncrement()) {
                long due = start + i * periodNanos;
                int s = source.school();
                byte[] body = source.single(s);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                HttpConnection.Response r = post(c, m, s, "", body);
                m.request((System.nanoTime() - due) / 1000);
                if (r != null) {
                    singleAnswer(m, r);
                }
            }
        });
        return m;
    }

    private interface Loop {
        void run(HttpConnection c, Workload.Source source) throws Exception;
    }

    private void run(int threads, Measurement m, Loop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            m.start();
            for (int t = 0; t < threads; t++) {
                Workload.Source source = workload.new Source(seed, threadSeq++);
                done.add(pool.submit(() -> {
                    try (HttpConnection c = new HttpConnection(url)) {
                        loop.run(c, source);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            m.end();
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpConnection.Response post(HttpConnection c, Measurement m, int school, String suffix, byte[] body) {
        try {
            return c.send("POST", "/api/v1/schools/" + schools.get(school) + "/events" + suffix, keys.get(school), body);
        } catch (IOException e) {
            m.error("io", e.toString());
            return null;
        }
    }

    private static void singleAnswer(Measurement m, HttpConnection.Response r) throws IOException {
        if (r.status() != 202 && r.status() != 200) {
            m.error("http " + r.status(), r.text());
            return;
        }
        m.answered(1, JSON.readTree(r.body()).path("runs").size());
    }

    private static void batchAnswer(Measurement m, HttpConnection.Response r) throws IOException {
        if (r.status() != 200) {
            m.error("http " + r.status(), r.text());
            return;
        }
        int ok = 0;
        int runs = 0;
        for (JsonNode result : JSON.readTree(r.body()).path("results")) {
            if (result.has("eventId")) {
                ok++;
                runs += result.path("runs").size();
            } else {
                m.error("batch item " + result.path("status").asText(), result.toString());
            }
        }
        m.answered(ok, runs);
    }
}
