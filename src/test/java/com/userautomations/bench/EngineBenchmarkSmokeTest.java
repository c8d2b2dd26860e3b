package com.userautomations.bench;

import com.userautomations.compile.DrlKieBase;
import com.userautomations.compile.DrlRenderer;
import com.userautomations.engine.Match;
import com.userautomations.engine.RuleBaseRegistry;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of the benchmarks (not a measurement: see docs/benchmarks.md): they start, run and
 * produce a score, and the workload they measure matches in both engines the same way.
 */
class EngineBenchmarkSmokeTest {

    @Test
    void theWorkloadMatchesTheSameInBothEnginesAndOftenEnoughToMeanSomething() {
        BenchWorkload w = BenchWorkload.parse("300:10", 3_000, 7);
        RuleBaseRegistry registry = RuleChangeBenchmark.loaded(w);
        Map<String, DrlKieBase> drl = new HashMap<>();
        w.bySchool.forEach((s, a) -> drl.put(s, new DrlKieBase(DrlRenderer.render(a))));
        int matches = 0;
        for (BenchWorkload.Template t : w.events) {
            List<String> model = ids(registry.evaluate(t.schoolId(), 1, t.fact()));
            List<String> compiled = ids(drl.get(t.schoolId()).evaluate(t.fact()));
            assertThat(model).as("event %s", t).containsExactlyInAnyOrderElementsOf(compiled);
            matches += model.size();
        }
        drl.values().forEach(DrlKieBase::close);
        // a workload where nothing or everything matches would measure nothing real
        assertThat(matches).isBetween(w.events.size() / 20, w.events.size() * 3);
    }

    @Test
    void theBenchmarksRun() throws Exception {
        Options options = new OptionsBuilder()
                .include(EngineBenchmark.class.getSimpleName())
                .include(RuleChangeBenchmark.class.getSimpleName())
                .param("size", "200:10")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(4);
        results.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    private static List<String> ids(List<Match> matches) {
        List<String> out = new ArrayList<>();
        matches.forEach(m -> out.add(m.automationId()));
        return out;
    }
}
