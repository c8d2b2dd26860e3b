package com.userautomations.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates what the load needs through the public API, as a platform would: schools (operator
 * token), their courses and spaces, users and automations. The memory run's million users are
 * the one exception: they go straight into the service's users table with COPY, because a
 * million PUTs would take most of an hour and measure nothing the load does not.
 */
final class Seeder {
    private final URI url;
    private final String operatorToken;
    private final int threads;
    private final ObjectMapper json = new ObjectMapper();

    Seeder(URI url, String operatorToken, int threads) {
        this.url = url;
        this.operatorToken = operatorToken;
        this.threads = threads;
    }

    /** Creates the schools and returns their API keys, by school id. */
    Map<String, String> schools(List<String> ids, int courses) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (HttpConnection c = new HttpConnection(url)) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                ObjectNode body = json.createObjectNode().put("id", id).put("name", "Load School " + i)
                        .put("timezone", "Europe/Athens").put("fromEmail", "school" + i + "@load.test");
                body.putArray("adminEmails").add("owner" + i + "@load.test");
                HttpConnection.Response r = c.send("POST", "/api/v1/schools", operatorToken, json.writeValueAsBytes(body));
                expect(r, 201, "create school " + id);
                keys.put(id, json.readTree(r.body()).get("apiKey").asText());
                for (int k = 0; k < courses; k++) {
                    expect(c.send("PUT", "/api/v1/schools/" + id + "/courses/course" + k, keys.get(id),
                            json.writeValueAsBytes(json.createObjectNode().put("title", "Course " + k)
                                    .put("paid", k % 2 == 0))), 201, "course");
                }
                for (int s = 0; s < Workload.SPACES; s++) {
                    expect(c.send("PUT", "/api/v1/schools/" + id + "/spaces/space" + s, keys.get(id),
                            json.writeValueAsBytes(json.createObjectNode().put("name", "Space " + s))), 201, "space");
                }
            }
        }
        return keys;
    }

    /** Subscribes one endpoint per school to every type, at {@code receiverUrl}. */
    void webhooks(Map<String, String> keys, String receiverUrl) throws IOException {
        try (HttpConnection c = new HttpConnection(url)) {
            for (var school : keys.entrySet()) {
                ObjectNode body = json.createObjectNode().put("url", receiverUrl);
                body.putArray("events").add("*");
                expect(c.send("POST", "/api/v1/schools/" + school.getKey() + "/webhooks", school.getValue(),
                        json.writeValueAsBytes(body)), 201, "webhook endpoint");
            }
        }
    }

    /** PUTs users u0..u(n-1) into every school, over several connections. */
    void users(Workload w, Map<String, String> keys, int perSchool) throws Exception {
        List<String[]> work = new ArrayList<>();
        for (String school : keys.keySet()) {
            for (int i = 0; i < perSchool; i++) {
                work.add(new String[]{school, Integer.toString(i)});
            }
        }
        parallel(work.size(), (c, n) -> {
            String school = work.get(n)[0];
            int i = Integer.parseInt(work.get(n)[1]);
            expect(c.send("PUT", "/api/v1/schools/" + school + "/users/" + Workload.userId(i), keys.get(school),
                    json.writeValueAsBytes(w.user(i))), 201, "user");
        });
    }

    /** POSTs {@code total} automations, spread evenly over the schools (saves of one school take turns). */
    void automations(Workload w, Map<String, String> keys, int total) throws Exception {
        List<String> schools = new ArrayList<>(keys.keySet());
        parallel(total, (c, n) -> {
            String school = schools.get(n % schools.size());
            JsonNode body = w.automation(n / schools.size());
            expect(c.send("POST", "/api/v1/schools/" + school + "/automations", keys.get(school),
                    json.writeValueAsBytes(body)), 201, "automation");
        });
    }

    /**
     * Inserts users straight into the service's users table (PostgreSQL COPY), spread over the
     * schools: ids "m0".."m(n-1)" with an email, a role and empty fields, as a sync would leave them.
     */
    static void usersBySql(String jdbcUrl, String user, String password, List<String> schools, int total)
            throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 0; from < total; from += chunk) {
                StringBuilder rows = new StringBuilder(chunk * 120);
                for (int i = from; i < Math.min(total, from + chunk); i++) {
                    String school = schools.get(i % schools.size());
                    String email = "m" + i + "@" + Workload.domain(i);
                    rows.append(school).append('\t').append('m').append(i).append('\t').append(email).append('\t')
                            .append(email).append("\tM").append(i).append("\tLearner\tlearner\t2026-01-01T00:00:00Z\t")
                            .append(i % 3 == 0 ? "facebook-ads" : "organic").append("\t{}\t2026-01-01T00:00:00Z\n");
                }
                Reader in = new StringReader(rows.toString());
                copy.copyIn("COPY users (school_id, id, email, email_lower, first_name, last_name, role, registered_at, "
                        + "source, fields, updated_at) FROM STDIN", in);
            }
        }
    }

    private interface Task {
        void run(HttpConnection c, int n) throws Exception;
    }

    private void parallel(int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (HttpConnection c = new HttpConnection(url)) {
                        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                            task.run(c, n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void expect(HttpConnection.Response r, int status, String what) {
        if (r.status() != status && !(status == 201 && r.status() == 200)) {
            throw new IllegalStateException(what + ": HTTP " + r.status() + " " + r.text());
        }
    }
}
