package com.userautomations.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.RateLimits;
import com.userautomations.events.EventParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What strict input costs per event (issue 10): the request work the hardening added, alone,
 * so that its share of an event's CPU can be stated without the noise of a loaded 2-core box.
 * {@code strict*} is the service's path (JsonBodies: counted, strict UTF-8, duplicate keys,
 * exact decimals, lone surrogates; then EventParser with unknown keys refused at every depth);
 * {@code plain*} is the floor any JSON API pays (Jackson's {@code readTree} on the bytes). The
 * batch scores are per batch of 500 events; divide by 500 for one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InputBenchmark {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final int BATCH = 500;

    private byte[] single;
    private byte[] batch;
    private RateLimits limits;
    private final Instant now = Instant.parse("2026-12-03T08:00:00Z");

    @Setup(Level.Trial)
    public void build() {
        single = bytes(event(7));
        ObjectNode b = PLAIN.createObjectNode();
        ArrayNode list = b.putArray("events");
        for (int i = 0; i < BATCH; i++) {
            list.add(event(i));
        }
        batch = bytes(b);
        // a limit so high it never refuses: the bucket's bookkeeping is what is measured
        limits = new RateLimits((AutomationsConfig) Proxy.newProxyInstance(AutomationsConfig.class.getClassLoader(),
                new Class<?>[]{AutomationsConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("rateLimit")) {
                        return 1_000_000_000;
                    }
                    throw new UnsupportedOperationException(m.getName());
                }));
    }

    /** The load generator's mix, one kind per residue: sign-up, tags, enrollment, form. */
    private static ObjectNode event(int i) {
        ObjectNode e = PLAIN.createObjectNode().put("id", "evt-" + i);
        switch (i % 4) {
            case 0 -> {
                e.put("type", "user.signed_up").put("userId", "s-" + i);
                e.putObject("user").put("email", "s-" + i + "@corp" + (i % 20) + ".test").put("firstName", "New");
            }
            case 1 -> {
                e.put("type", "tags.added").put("userId", "u" + i);
                e.putArray("tags").add("t" + (i % 50)).add("x-evt-" + i);
            }
            case 2 -> e.put("type", "user.enrolled").put("userId", "u" + i).put("courseId", "course" + (i % 50));
            default -> {
                e.put("type", "form.submitted").put("userId", "u" + i).put("formId", "form" + (i % 50));
                e.putObject("fields").put("ebook", "https://example.test/ebook/" + i);
            }
        }
        return e;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return PLAIN.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public Object strictSingle() {
        EventParser.Parsed p = EventParser.parse(JsonBodies.parseObject(single), now);
        if (!p.valid()) {
            throw new IllegalStateException(p.errors().toString());
        }
        return p;
    }

    @Benchmark
    public Object plainSingle() throws IOException {
        return PLAIN.readTree(single);
    }

    @Benchmark
    public int strictBatch() {
        JsonNode list = JsonBodies.parseObject(batch, JsonBodies.BATCH_LIMIT).get("events");
        int valid = 0;
        for (JsonNode e : list) {
            valid += EventParser.parse(e, now).valid() ? 1 : 0;
        }
        return valid;
    }

    @Benchmark
    public Object plainBatch() throws IOException {
        return PLAIN.readTree(batch);
    }

    /** The per-request rate-limit bucket of a school key (on by default, 1.1). */
    @Benchmark
    public void rateLimit() {
        limits.take("demo-academy");
    }
}
