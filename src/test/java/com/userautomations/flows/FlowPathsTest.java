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
 * steps on that path only. Some flows wait, so resumption is covered too; others wait for
 * events (wait_for) and get a random sequence of them: the matching event, a decoy that matches
 * nothing, or no event until the timeout. The run must take exactly the branch of what came.
 */
@QuarkusTest
class FlowPathsTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    private static final int FLOWS = 24;
    private static final List<String> POOL = List.of("p0", "p1", "p2", "p3");

    /** A step of the model: what the generated JSON says, walked as the service should. */
    private sealed interface Node permits AddTags, If, Exit, Wait, WaitFor {
    }

    /**
     * wait_for tags.added [tag]: {@code answered} gets the matching event while it waits (else
     * the 1 s timeout comes), {@code decoy} first gets an event that matches nothing.
     */
    private record WaitFor(String tag, boolean answered, boolean decoy, List<Node> then, List<Node> otherwise)
            implements Node {
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

    /** One entry as a run records it: path, type, branch, and a wait_for's outcome and event. */
    private record Entry(String step, String type, String branch, String outcome, String eventId) {
        Entry(String step, String type, String branch) {
            this(step, type, branch, null, null);
        }
    }

    /** A wait_for on a run's path, where the driver below posts its events. */
    private record Point(String path, WaitFor step) {
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
            // plain waits and wait_fors are not mixed: the driver tells where a run waits by its
            // first pending entry, which is its wait_for when it has no plain wait
            String waitsFor = i % 3 == 1 ? "w" + i + "-" : null;
            List<Node> flow = new ArrayList<>(list(random, 1, budget, waits, true, waitsFor));
            if (flow.isEmpty()) { // every kind drawn added nothing: an actions list needs one step
                flow.add(new AddTags(List.of("only-" + i)));
            }
            if (withWait) { // one wait on the top list too, reached unless an exit comes first
                flow.add(random.nextInt(flow.size() + 1), new Wait());
            }
            if (waitsFor != null) { // and one wait_for, answered in every other such flow
                flow.add(random.nextInt(flow.size() + 1), new WaitFor(waitsFor + "top", i % 2 == 1, random.nextBoolean(),
                        List.of(new AddTags(List.of("came-" + i))), List.of(new AddTags(List.of("timed-out-" + i)))));
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
        List<List<Point>> points = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            s.event("{\"id\": \"e" + i + "\", \"type\": \"coupon.claimed\", \"userId\": \"u" + i + "\", \"couponCode\": \"C"
                    + i + "\"}");
            List<Point> reached = new ArrayList<>();
            walk(flows.get(i), "actions", new TreeSet<>(startTags.get(i)), new ArrayList<>(), reached);
            points.add(reached);
        }
        drive(s, points);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !s.get("/runs?limit=1000").extract().jsonPath().getList("items.status").contains("waiting"));
        Set<String> seen = new TreeSet<>(); // what the generated runs went through, so the property means something
        for (int i = 0; i < FLOWS; i++) {
            Set<String> tags = new TreeSet<>(startTags.get(i));
            List<Entry> expected = new ArrayList<>();
            walk(flows.get(i), "actions", tags, expected, new ArrayList<>());
            expected.forEach(e -> seen.add(e.type() + (e.branch() == null ? "" : ":" + e.branch())
                    + (e.outcome() == null ? "" : ":" + e.outcome())));
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
                recorded.add(new Entry((String) a.get("step"), (String) a.get("type"), (String) a.get("branch"),
                        (String) a.get("outcome"), (String) a.get("eventId")));
                String step = plain ? "actions[" + a.get("index") + "]" : (String) a.get("step");
                assertThat(steps.add(step)).as("flow %d: %s recorded once", i, step).isTrue();
            }
            assertThat(recorded).as("flow %d: %s", i, json(flows.get(i))).isEqualTo(expected);
            assertThat(run.getString("items[0].status")).isEqualTo("completed");
            assertThat(new TreeSet<>(s.tags("u" + i))).as("flow %d: tags", i).isEqualTo(tags);
        }
        assertThat(seen).contains("add_tags", "wait", "exit", "if:then", "if:else", "wait_for:event", "wait_for:timeout");
    }

    /**
     * Posts each flow's wait_for events, in rounds over the flows: once a run waits at its next
     * wait_for (its first pending entry, the run waiting), the decoy if any, and the matching
     * event if the wait_for is answered; the event's answer must (not) list the run as resumed.
     */
    private static void drive(School s, List<List<Point>> points) {
        List<Integer> next = new ArrayList<>();
        points.forEach(p -> next.add(0));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            boolean left = false;
            for (int i = 0; i < points.size(); i++) {
                if (next.get(i) >= points.get(i).size()) {
                    continue;
                }
                left = true;
                Point p = points.get(i).get(next.get(i));
                JsonPath run = s.get("/runs?userId=u" + i).extract().jsonPath();
                List<Map<String, Object>> actions = run.getList("items[0].actions");
                Map<String, Object> firstPending = actions.stream().filter(a -> "pending".equals(a.get("status")))
                        .findFirst().orElse(null);
                boolean there = "waiting".equals(run.getString("items[0].status")) && firstPending != null
                        && p.path().equals(firstPending.get("step"));
                boolean passed = actions.stream().anyMatch(a -> p.path().equals(a.get("step")) && "done".equals(a.get("status")));
                if (!there && !(passed && !p.step().answered())) {
                    continue;
                }
                String runId = run.getString("items[0].runId");
                if (p.step().decoy()) {
                    JsonPath answer = s.event(tagEvent("d" + i + "-" + p.step().tag(), i, "d" + p.step().tag()))
                            .extract().jsonPath();
                    assertThat(answer.getList("runs")).as("flow %d: a decoy resumes nothing", i).isEmpty();
                }
                if (p.step().answered()) {
                    JsonPath answer = s.event(tagEvent("a" + i + "-" + p.step().tag(), i, p.step().tag()))
                            .extract().jsonPath();
                    assertThat(answer.getList("runs.runId")).as("flow %d: resumed at %s", i, p.path()).containsExactly(runId);
                    assertThat(answer.getBoolean("runs[0].resumed")).isTrue();
                }
                next.set(i, next.get(i) + 1);
            }
            if (!left) {
                return;
            }
            assertThat(System.nanoTime()).as("every run reached its wait_fors in time").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String tagEvent(String id, int user, String tag) {
        return "{\"id\": \"" + id + "\", \"type\": \"tags.added\", \"userId\": \"u" + user + "\", \"tags\": [\"" + tag
                + "\"]}";
    }

    /**
     * The model: true when the walk ended the run (exit). The wait_fors it reaches go to
     * {@code reached}, with the tags their events add.
     */
    private static boolean walk(List<Node> list, String listPath, Set<String> tags, List<Entry> out,
                                List<Point> reached) {
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
                if (walk(then ? f.then() : f.otherwise(), path + (then ? ".then" : ".else"), tags, out, reached)) {
                    return true;
                }
            } else if (n instanceof WaitFor w) {
                int user = Integer.parseInt(w.tag().substring(1, w.tag().indexOf('-')));
                reached.add(new Point(path, w));
                out.add(new Entry(path, "wait_for", null, w.answered() ? "event" : "timeout",
                        w.answered() ? "a" + user + "-" + w.tag() : null));
                if (w.decoy()) {
                    tags.add("d" + w.tag());
                }
                if (w.answered()) {
                    tags.add(w.tag());
                }
                if (walk(w.answered() ? w.then() : w.otherwise(), path + (w.answered() ? ".then" : ".else"), tags, out,
                        reached)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code waitsFor}: the prefix of the flow's wait_for tags, or null for a flow without wait_for. */
    private static List<Node> list(Random r, int depth, int[] budget, boolean[] waits, boolean top, String waitsFor) {
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
                out.add(new If(POOL.get(r.nextInt(POOL.size())), r.nextBoolean(),
                        list(r, depth + 1, budget, waits, false, waitsFor), list(r, depth + 1, budget, waits, false, waitsFor)));
            } else if (kind < 10) {
                out.add(new Exit());
            } else if (waitsFor != null && depth < 5) {
                out.add(new WaitFor(waitsFor + budget[0] + "-" + depth + "-" + i, r.nextBoolean(), r.nextInt(3) == 0,
                        list(r, depth + 1, budget, waits, false, waitsFor), list(r, depth + 1, budget, waits, false, waitsFor)));
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
            } else if (n instanceof WaitFor w) {
                s.append("{\"type\": \"wait_for\", \"event\": {\"type\": \"tags.added\", \"tags\": [\"").append(w.tag())
                        .append("\"]}, \"timeout\": \"").append(w.answered() ? "P1D" : "PT1S").append("\", \"then\": ")
                        .append(json(w.then())).append(", \"else\": ").append(json(w.otherwise())).append('}');
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
