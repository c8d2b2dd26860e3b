package com.userautomations.bench;

import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.engine.RuleBaseRegistry;
import com.userautomations.engine.SchoolRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's part of a rule change: one automation saved into a loaded school's rule base
 * (replace one rule, no rebuild), and a cold build of every school's rule base.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"})
public class RuleChangeBenchmark {
    @Param({"10000:500"})
    public String size;

    private BenchWorkload workload;
    private RuleBaseRegistry registry;
    private String school;
    private CompiledAutomation changed;
    private long rulesVersion;
    private int version;

    @Setup(Level.Trial)
    public void load() {
        QuietLogging.atInfo();
        workload = BenchWorkload.parse(size, 100, 42);
        registry = loaded(workload);
        school = BenchWorkload.school(0);
        rulesVersion = 1;
        changed = workload.bySchool.get(school).get(0);
    }

    static RuleBaseRegistry loaded(BenchWorkload workload) {
        RuleBaseRegistry r = new RuleBaseRegistry(s -> new SchoolRules(1, workload.bySchool.getOrDefault(s, List.of()).stream()
                .map(AutomationCompiler::rules).toList()),
                workload.schools + 1);
        workload.bySchool.keySet().forEach(s -> r.evaluate(s, 1, workload.events.get(0).withSchool(s).fact()));
        return r;
    }

    /** Save one automation (a new version of it) into a loaded base: what a PUT waits for. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void upsertOne() {
        registry.upsert(school, ++rulesVersion, AutomationCompiler.rules(new CompiledAutomation(
                changed.automationId(), ++version, changed.definition())));
    }

    /** Build every school's rule base from nothing (a process start with all schools in use). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public RuleBaseRegistry coldBuildAll() {
        return loaded(workload);
    }
}
