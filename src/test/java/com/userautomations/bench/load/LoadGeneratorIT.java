package com.userautomations.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator works end to end against the packaged PostgreSQL build: it starts the
 * service, seeds it through REST, runs every mode for two seconds and reads the service's RSS.
 * A smoke test only: no figure is asserted (benchmarks are not timed tests; docs/benchmarks.md).
 */
class LoadGeneratorIT {
    private static final String DB = System.getenv().getOrDefault("TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/automations_test");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyModeRunsAgainstThePackagedService() throws Exception {
        LoadOptions o = LoadOptions.parse(new String[]{"--start", "pg", "--jdbc-url", DB, "--schema", "load_smoke",
                "--schools", "2", "--users", "20", "--automations", "24", "--modes", "batch,closed,rate",
                "--batch", "60", "--connections", "2", "--rate", "20", "--seconds", "2", "--warmup", "0",
                "--work-dir", "target/load-smoke"});
        List<String> out = new ArrayList<>();
        List<LoadGenerator.Row> rows = LoadGenerator.run(o, line -> {
            out.add(line);
            System.out.println(line);
        });
        assertThat(rows).extracting(LoadGenerator.Row::mode).containsExactly("batch", "closed", "rate");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.events()).as(r.mode() + " events answered").isPositive();
            assertThat(r.errors()).as(r.mode() + " errors; output:\n" + String.join("\n", out)).isZero();
            assertThat(r.rssEndMib()).as("RSS read from /proc").isPositive();
            assertThat(r.runsPerEvent()).as(r.mode() + ": the events start runs").isPositive();
        });
    }
}
