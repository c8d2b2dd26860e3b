package com.userautomations.flows;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Property-style, over random step trees (a seeded {@link Random}, not jqwik: see
 * fuzz/package-info.java; {@code -Dfuzz.seed=N} explores other cases): through REST, each run's
 * recorded path is exactly the one the flow allows for that user (the model below walks the
 * tree as the contract says), no step is recorded twice, and the user ends with the tags of the
 * steps on that path only. Some flows wait, so resumption is covered too.
 */
@QuarkusTest
class FlowPathsTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    private static final int FLOWS = 24;
    private static final List<String> POOL = List.of("p0", "p1", "p2", "p3");

    /** A step of the model: what the generated JSON says, walked as the service should. */
    private sealed interface Node permits AddTags, If, Exit, Wait {
    }

    private record AddTags(List<String> tags) implements Node {
    }

    /** has_tags [tag], negated when {@code not}. */
    private record If(String tag, boolean not, List<Node> then, List<Node> otherwise) implements Node {
    }

    private record Exit() implements Node {
    }

    private record Wait() implements Node {
    }

    /** One entry as a run records it: path, type and branch. */
    private record Entry(String step, String type, String branch) {
    }

    @Test
    void everyRunTakesThePathItsFlowAllowsAndNoStepTwice() {
        Random random = new Random(SEED);
        School s = School.create("paths");
        List<List<Node>> flows = new ArrayList<>();
        List<Set<String>> startTags = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            int[] budget = {12};
            boolean withWait = i % 3 == 0;
            boolean[] waits = {withWait};
            List<Node> flow = new ArrayList<>(list(random, 1, budget, waits, true));
            if (withWait) { // one wait on the top list too, reached unless an exit comes first
                flow.add(random.nextInt(flow.size() + 1), new Wait());
            }
            flows.add(flow);
            Set<String> tags = new TreeSet<>();
            POOL.forEach(t -> {
                if (random.nextBoolean()) {
                    tags.add(t);
                }
            });
            startTags.add(tags);
            s.user("u" + i, Map.of("email", "u" + i + "@paths.test", "tags", List.copyOf(tags)));
            s.automation("{\"name\": \"f" + i + "\", \"triggers\": [{\"type\": \"coupon.claimed\", \"couponCodes\": [\"C" + i
                    + "\"]}], \"actions\": " + json(flow) + "}");
        }
        for (int i = 0; i < FLOWS; i++) {
            s.event("{\"id\": \"e" + i + "\", \"type\": \"coupon.claimed\", \"userId\": \"u" + i + "\", \"couponCode\": \"C"
                    + i + "\"}");
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !s.get("/runs?limit=1000").extract().jsonPath().getList("items.status").contains("waiting"));
        Set<String> seen = new TreeSet<>(); // what the generated runs went through, so the property means something
        for (int i = 0; i < FLOWS; i++) {
            Set<String> tags = new TreeSet<>(startTags.get(i));
            List<Entry> expected = new ArrayList<>();
            walk(flows.get(i), "actions", tags, expected);
            expected.forEach(e -> seen.add(e.type() + (e.branch() == null ? "" : ":" + e.branch())));
            // a plain action list records version 1's entries: no paths
            boolean plain = flows.get(i).stream().allMatch(n -> n instanceof AddTags || n instanceof Wait);
            if (plain) {
                expected.replaceAll(e -> new Entry(null, e.type(), null));
            }
            JsonPath run = s.get("/runs?userId=u" + i).extract().jsonPath();
            assertThat(run.getList("items")).as("flow %d: one run", i).hasSize(1);
            List<Entry> recorded = new ArrayList<>();
            Set<String> steps = new HashSet<>();
            for (Map<String, Object> a : run.<Map<String, Object>>getList("items[0].actions")) {
                recorded.add(new Entry((String) a.get("step"), (String) a.get("type"), (String) a.get("branch")));
                String step = plain ? "actions[" + a.get("index") + "]" : (String) a.get("step");
                assertThat(steps.add(step)).as("flow %d: %s recorded once", i, step).isTrue();
            }
            assertThat(recorded).as("flow %d: %s", i, json(flows.get(i))).isEqualTo(expected);
            assertThat(run.getString("items[0].status")).isEqualTo("completed");
            assertThat(new TreeSet<>(s.tags("u" + i))).as("flow %d: tags", i).isEqualTo(tags);
        }
        assertThat(seen).contains("add_tags", "wait", "exit", "if:then", "if:else");
    }

    /** The model: true when the walk ended the run (exit). */
    private static boolean walk(List<Node> list, String listPath, Set<String> tags, List<Entry> out) {
        for (int i = 0; i < list.size(); i++) {
            String path = listPath + "[" + i + "]";
            Node n = list.get(i);
            if (n instanceof AddTags a) {
                out.add(new Entry(path, "add_tags", null));
                tags.addAll(a.tags());
            } else if (n instanceof Wait) {
                out.add(new Entry(path, "wait", null));
            } else if (n instanceof Exit) {
                out.add(new Entry(path, "exit", null));
                return true;
            } else if (n instanceof If f) {
                boolean then = tags.contains(f.tag()) != f.not();
                out.add(new Entry(path, "if", then ? "then" : "else"));
                if (walk(then ? f.then() : f.otherwise(), path + (then ? ".then" : ".else"), tags, out)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Node> list(Random r, int depth, int[] budget, boolean[] waits, boolean top) {
        List<Node> out = new ArrayList<>();
        int n = top ? 1 + r.nextInt(4) : r.nextInt(4);
        for (int i = 0; i < n && budget[0] > 0; i++) {
            budget[0]--;
            int kind = r.nextInt(12);
            if (kind < 5) {
                List<String> tags = new ArrayList<>(List.of("s" + budget[0] + "-" + depth + "-" + i));
                if (r.nextBoolean()) {
                    tags.add(POOL.get(r.nextInt(POOL.size())));
                }
                out.add(new AddTags(tags));
            } else if (kind < 9 && depth < 5) {
                out.add(new If(POOL.get(r.nextInt(POOL.size())), r.nextBoolean(), list(r, depth + 1, budget, waits, false),
                        list(r, depth + 1, budget, waits, false)));
            } else if (kind < 10) {
                out.add(new Exit());
            } else if (waits[0]) {
                waits[0] = r.nextInt(3) == 0; // at most a few waits per flow
                out.add(new Wait());
            }
        }
        return out;
    }

    private static String json(List<Node> list) {
        StringBuilder s = new StringBuilder("[");
        for (Node n : list) {
            s.append(s.length() == 1 ? "" : ", ");
            if (n instanceof AddTags a) {
                s.append("{\"type\": \"add_tags\", \"tags\": [\"").append(String.join("\", \"", a.tags())).append("\"]}");
            } else if (n instanceof Wait) {
                s.append("{\"type\": \"wait\", \"duration\": \"PT1S\"}");
            } else if (n instanceof Exit) {
                s.append("{\"type\": \"exit\"}");
            } else if (n instanceof If f) {
                String leaf = "{\"type\": \"has_tags\", \"tags\": [\"" + f.tag() + "\"]}";
                s.append("{\"type\": \"if\", \"conditions\": ").append(f.not() ? "{\"not\": " + leaf + "}" : leaf)
                        .append(", \"then\": ").append(json(f.then()));
                if (!f.otherwise().isEmpty() || f.not()) { // an empty else is written sometimes, left out otherwise
                    s.append(", \"else\": ").append(json(f.otherwise()));
                }
                s.append('}');
            }
        }
        return s.append(']').toString();
    }
}
