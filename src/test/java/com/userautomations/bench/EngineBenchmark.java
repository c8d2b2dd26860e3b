package com.userautomations.bench;

import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.DrlKieBase;
import com.userautomations.compile.DrlRenderer;
import com.userautomations.engine.EventFact;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluating one event against its school's rules, one thread: the executable-model engine the
 * service uses ({@code engine=model}) and, as the baseline in the same run, the same automations
 * rendered as DRL and compiled at runtime by the classic compiler ({@code engine=drl}).
 * Throughput by default; {@code -bm sample} gives the latency percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EngineBenchmark {
    /** automations:schools */
    @Param({"1000:50", "10000:500", "100000:5000"})
    public String size;

    @Param({"model", "drl"})
    public String engine;

    private BenchWorkload workload;
    private RuleBaseRegistry registry;
    private final Map<String, DrlKieBase> drl = new HashMap<>();
    private int next;

    @Setup(Level.Trial)
    public void build() {
        QuietLogging.atInfo();
        workload = BenchWorkload.parse(size, 50_000, 42);
        if ("model".equals(engine)) {
            registry = new RuleBaseRegistry(s -> new SchoolRules(1, workload.bySchool.getOrDefault(s, List.of()).stream()
                .map(AutomationCompiler::rules).toList()),
                    workload.schools + 1);
            workload.bySchool.keySet().forEach(s -> registry.evaluate(s, 1, workload.events.get(0).withSchool(s).fact()));
        } else {
            workload.bySchool.forEach((school, automations) -> drl.put(school, new DrlKieBase(DrlRenderer.render(automations))));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        drl.values().forEach(DrlKieBase::close);
    }

    @Benchmark
    public int evaluate() {
        BenchWorkload.Template t = workload.events.get(next++ % workload.events.size());
        EventFact fact = t.fact();
        return "model".equals(engine)
                ? registry.evaluate(t.schoolId(), 1, fact).size()
                : drl.get(t.schoolId()).evaluate(fact).size();
    }
}
