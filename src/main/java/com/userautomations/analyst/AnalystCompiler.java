package com.userautomations.analyst;

import com.userautomations.engine.AnalystRuleBase;
import com.userautomations.engine.AnalystRuleSet;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.base.ClassObjectType;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles the analysts' files into rule bases: one for the global files and one per school
 * folder. DRL is compiled with the classic DRL compiler (consequences are Java, compiled by
 * ECJ at runtime); a decision table is first turned into DRL, so its errors are reported at
 * its row; DMN models are compiled and validated ({@link DmnModels}). Either every file
 * compiles, or nothing is returned and every problem is reported with its file and line
 * ({@link BuildErrors} places Drools' errors; {@link DecisionTables} turns tables into DRL).
 */
public final class AnalystCompiler {
    /** A run is named "rule:<name>" and its id column holds 128 characters. */
    public static final int MAX_RULE_NAME = 128 - Match.RULE_PREFIX.length();

    private AnalystCompiler() {
    }

    /** What was compiled: the rule bases, and what each file holds (for listing and logs). */
    public record Compiled(AnalystRuleSet rules, List<CompiledFile> files, Map<String, DmnModels> dmn) {
        public static final Compiled EMPTY = new Compiled(AnalystRuleSet.EMPTY, List.of(), Map.of());

        /** The DMN decisions of these files, for automations. */
        public Decisions decisions() {
            return new Decisions(dmn);
        }

        public int ruleCount() {
            return files.stream().filter(f -> f.kind() != RuleFile.Kind.DMN).mapToInt(f -> f.names().size()).sum();
        }
    }

    /**
     * One compiled file: its rules' names (for DRL and decision tables) or its DMN models' names.
     *
     * @param schoolId null for a global file
     */
    public record CompiledFile(String path, String schoolId, RuleFile.Kind kind, List<String> names) {
    }

    /** Compiles every file, or throws {@link RuleFilesRefused} listing every problem. */
    public static Compiled compile(List<RuleFile> files, int maxIdleSessions) {
        List<RuleFileError> errors = new ArrayList<>();
        // global files first: school files are checked against the global rule names
        Map<String, List<RuleFile>> byScope = new TreeMap<>((a, b) -> a.isEmpty() ? (b.isEmpty() ? 0 : -1)
                : b.isEmpty() ? 1 : a.compareTo(b));
        for (RuleFile f : files) {
            String problem = f.pathProblem();
            if (problem != null) {
                errors.add(new RuleFileError(f.path(), 0, 0, problem));
            } else {
                byScope.computeIfAbsent(f.schoolId() == null ? "" : f.schoolId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, ScopeResult> results = new LinkedHashMap<>();
        Map<String, String> globalNames = new HashMap<>();
        for (Map.Entry<String, List<RuleFile>> scope : byScope.entrySet()) {
            ScopeResult r = compileScope(scope.getValue(), errors);
            checkNames(r, scope.getKey().isEmpty() ? Map.of() : globalNames, errors);
            if (scope.getKey().isEmpty()) {
                r.ruleFiles.forEach(globalNames::put);
            }
            results.put(scope.getKey(), r);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(RuleFileError::file).thenComparingInt(RuleFileError::line)
                    .thenComparingInt(RuleFileError::column));
            throw new RuleFilesRefused(errors);
        }
        AnalystRuleBase global = null;
        Map<String, AnalystRuleBase> bySchool = new HashMap<>();
        Map<String, DmnModels> dmn = new HashMap<>();
        List<CompiledFile> compiled = new ArrayList<>();
        for (Map.Entry<String, ScopeResult> e : results.entrySet()) {
            ScopeResult r = e.getValue();
            String schoolId = e.getKey().isEmpty() ? null : e.getKey();
            if (!r.ruleFiles.isEmpty()) {
                AnalystRuleBase base = new AnalystRuleBase(r.packages, maxIdleSessions);
                if (schoolId == null) {
                    global = base;
                } else {
                    bySchool.put(schoolId, base);
                }
            }
            if (r.dmn != null) {
                dmn.put(e.getKey(), r.dmn);
            }
            for (RuleFile f : r.files) {
                List<String> names = f.kind() == RuleFile.Kind.DMN ? r.dmn.modelNames(f.path())
                        : r.ruleFiles.entrySet().stream().filter(n -> n.getValue().equals(f.path()))
                                .map(Map.Entry::getKey).toList();
                compiled.add(new CompiledFile(f.path(), schoolId, f.kind(), names));
            }
        }
        return new Compiled(new AnalystRuleSet(global, bySchool), compiled, dmn);
    }

    /** The files of one scope, compiled together. */
    private static final class ScopeResult {
        final List<RuleFile> files;
        /** DRL text per file: the file itself, or the DRL generated from a decision table. */
        final Map<String, String> drl = new HashMap<>();
        /** Rule name to the file that defines it, in load order. */
        final Map<String, String> ruleFiles = new LinkedHashMap<>();
        List<KiePackage> packages = List.of();
        DmnModels dmn;

        ScopeResult(List<RuleFile> files) {
            this.files = files;
        }
    }

    private static ScopeResult compileScope(List<RuleFile> files, List<RuleFileError> errors) {
        ScopeResult r = new ScopeResult(files);
        ClassLoader loader = EventFact.class.getClassLoader();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader));
        List<RuleFile> dmnFiles = new ArrayList<>();
        boolean anyRules = false;
        for (RuleFile f : files) {
            String drl;
            switch (f.kind()) {
                case DRL -> drl = new String(f.content(), StandardCharsets.UTF_8);
                case CSV_TABLE, XLSX_TABLE -> {
                    drl = DecisionTables.drl(f, errors);
                    if (drl == null) {
                        continue;
                    }
                }
                case DMN -> {
                    dmnFiles.add(f);
                    continue;
                }
                default -> throw new IllegalStateException(f.kind().name());
            }
            r.drl.put(f.path(), drl);
            Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(f.path());
            builder.add(resource, ResourceType.DRL);
            anyRules = true;
        }
        int before = errors.size();
        List<KnowledgeBuilderError> builderErrors = List.copyOf(builder.getErrors());
        for (KnowledgeBuilderError e : builderErrors) {
            // "null Package" only repeats that the file had parse errors, when it had any
            boolean repeats = BuildErrors.NULL_PACKAGE.equals(e.getMessage()) && builderErrors.stream()
                    .anyMatch(o -> o != e && o.getResource() != null && e.getResource() != null
                            && o.getResource().getSourcePath().equals(e.getResource().getSourcePath()));
            if (!repeats) {
                errors.add(BuildErrors.of(r.drl, e));
            }
        }
        if (anyRules && errors.size() == before) {
            r.packages = List.copyOf(builder.getKnowledgePackages());
            for (KiePackage p : r.packages) {
                for (Rule rule : p.getRules()) {
                    RuleImpl impl = (RuleImpl) rule;
                    String file = impl.getResource() == null ? "?" : impl.getResource().getSourcePath();
                    String previous = r.ruleFiles.putIfAbsent(rule.getName(), file);
                    if (previous != null) {
                        errors.add(new RuleFileError(file, BuildErrors.lineOfRule(r.drl.get(file), rule.getName()), 0,
                                String.format("two rules are named \"%s\" (also in %s, another package); a run names "
                                        + "its rule, so rule names must be unique", rule.getName(), previous)));
                    }
                    if (!matchesEventFact(impl.getLhs())) {
                        errors.add(new RuleFileError(file, BuildErrors.lineOfRule(r.drl.get(file), rule.getName()), 0,
                                String.format("the rule \"%s\" does not match the event: every analyst rule needs a "
                                        + "pattern on EventFact, e.g. $e : EventFact(type == \"user.signed_up\")",
                                        rule.getName())));
                    }
                }
            }
        }
        if (!dmnFiles.isEmpty()) {
            r.dmn = DmnModels.compile(dmnFiles, errors);
        }
        return r;
    }

    /** Rule names become run ids: bounded in length, and a school's may not repeat a global one. */
    private static void checkNames(ScopeResult r, Map<String, String> globalNames, List<RuleFileError> errors) {
        for (Map.Entry<String, String> e : r.ruleFiles.entrySet()) {
            String name = e.getKey();
            String file = e.getValue();
            if (name.length() > MAX_RULE_NAME) {
                errors.add(new RuleFileError(file, BuildErrors.lineOfRule(r.drl.get(file), name), 0,
                        "the rule name is over " + MAX_RULE_NAME + " characters (it names the rule's runs)"));
            }
            String global = globalNames.get(name);
            if (global != null) {
                errors.add(new RuleFileError(file, BuildErrors.lineOfRule(r.drl.get(file), name), 0,
                        String.format("the global file %s already has a rule named \"%s\"; a run names its rule, "
                                + "so rule names must be unique", global, name)));
            }
        }
    }

    /** Whether the rule has a positive pattern on EventFact (not only under a 'not'). */
    private static boolean matchesEventFact(RuleConditionElement e) {
        if (e instanceof org.drools.base.rule.Pattern p) {
            return p.getObjectType() instanceof ClassObjectType c && EventFact.class.isAssignableFrom(c.getClassType());
        }
        if (e instanceof GroupElement g && !g.isNot()) {
            return g.getChildren().stream().anyMatch(AnalystCompiler::matchesEventFact);
        }
        return false;
    }
}
