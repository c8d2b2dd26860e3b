package com.userautomations.analyst;

import com.userautomations.engine.AnalystRuleBase;
import com.userautomations.engine.AnalystRuleSet;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.base.ClassObjectType;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.drl.parser.ParserError;
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
 * compiles, or nothing is returned and every problem is reported with its file and line.
 */
public final class AnalystCompiler {
    /** A run is named "rule:<name>" and its id column holds 128 characters. */
    public static final int MAX_RULE_NAME = 128 - Match.RULE_PREFIX.length();
    private static final Pattern TABLE_ROW_COMMENT = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),");
    private static final Pattern CELL = Pattern.compile("\\b([A-Z]{1,3})(\\d{1,7})\\b");

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
                    drl = decisionTableDrl(f, errors);
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
            boolean repeats = NULL_PACKAGE.equals(e.getMessage()) && builderErrors.stream()
                    .anyMatch(o -> o != e && o.getResource() != null && e.getResource() != null
                            && o.getResource().getSourcePath().equals(e.getResource().getSourcePath()));
            if (!repeats) {
                errors.add(builderError(r, e));
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
                        errors.add(new RuleFileError(file, lineOfRule(r.drl.get(file), rule.getName()), 0,
                                String.format("two rules are named \"%s\" (also in %s, another package); a run names "
                                        + "its rule, so rule names must be unique", rule.getName(), previous)));
                    }
                    if (!matchesEventFact(impl.getLhs())) {
                        errors.add(new RuleFileError(file, lineOfRule(r.drl.get(file), rule.getName()), 0,
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
                errors.add(new RuleFileError(file, lineOfRule(r.drl.get(file), name), 0,
                        "the rule name is over " + MAX_RULE_NAME + " characters (it names the rule's runs)"));
            }
            String global = globalNames.get(name);
            if (global != null) {
                errors.add(new RuleFileError(file, lineOfRule(r.drl.get(file), name), 0,
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

    /** The DRL a decision table stands for, or null (and an error) when the table cannot be read. */
    private static String decisionTableDrl(RuleFile f, List<RuleFileError> errors) {
        InputType type = f.kind() == RuleFile.Kind.CSV_TABLE ? InputType.CSV : InputType.XLS;
        try {
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()), type);
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            Matcher cell = CELL.matcher(message);
            int row = 0;
            int column = 0;
            if (cell.find()) {
                row = Integer.parseInt(cell.group(2));
                column = columnNumber(cell.group(1));
            }
            errors.add(new RuleFileError(f.path(), row, column, "the decision table cannot be read: " + message));
            return null;
        }
    }

    private static RuleFileError builderError(ScopeResult r, KnowledgeBuilderError e) {
        String file = e.getResource() == null || e.getResource().getSourcePath() == null ? "?"
                : e.getResource().getSourcePath();
        int line = e.getLines() == null || e.getLines().length == 0 ? 0 : Math.max(0, e.getLines()[0]);
        int column = e instanceof ParserError p ? Math.max(0, p.getCol())
                : e instanceof DescrBuildError d ? Math.max(0, d.getColumn()) : 0;
        String message = cleanMessage(e.getMessage());
        if (e instanceof ParserError) {
            column += 1; // the DRL parser counts columns from 0
        } else if (message.startsWith(JAVA_ERROR)) {
            int[] at = consequencePosition(r.drl.get(file), message, line);
            if (at != null) {
                line = at[0];
                column = at[1];
                message = "in the consequence (then): " + message.substring(JAVA_ERROR.length());
            }
        } else if (line <= 0) {
            Matcher expression = EXPRESSION.matcher(message);
            int[] at = expression.find() ? find(r.drl.get(file), expression.group(1) != null ? expression.group(1)
                    : expression.group(2)) : null;
            if (at != null) {
                line = at[0];
                column = at[1];
            }
        }
        RuleFile.Kind kind = RuleFile.kindOf(file).orElse(RuleFile.Kind.DRL);
        if (kind.isDecisionTable()) {
            return tableError(file, r.drl.get(file), line, message);
        }
        return new RuleFileError(file, line, column, message);
    }

    /**
     * Puts an error in a decision table's generated DRL back at the table's row: the DRL of each
     * row starts with the comment "// rule values at B12, header at B8".
     */
    private static RuleFileError tableError(String file, String drl, int drlLine, String message) {
        if (drl != null && drlLine > 0) {
            String[] lines = drl.split("\n", -1);
            for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
                Matcher m = TABLE_ROW_COMMENT.matcher(lines[i].trim());
                if (m.find()) {
                    int row = Integer.parseInt(m.group(2));
                    return new RuleFileError(file, row, 0, "in the row " + row + " of the table: " + message);
                }
            }
        }
        return new RuleFileError(file, 0, 0, "in the table's settings (RuleSet, Import, Variables, "
                + "or the RuleTable's header rows): " + message);
    }

    /** The line of "rule <name>" in DRL text, 0 if not found. */
    static int lineOfRule(String drl, String name) {
        if (drl == null) {
            return 0;
        }
        Pattern header = Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(name) + "\"|'" + Pattern.quote(name) + "'|"
                + Pattern.quote(name) + "(\\s|$))");
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (header.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+] Line \\d+:\\d+ ");
    private static final Pattern MISMATCHED = Pattern.compile("^(mismatched|extraneous) input '(.*)' in (rule \"[^\"]*\")(.*)$");
    private static final Pattern NO_PROPERTY =
            Pattern.compile("unable to resolve method using strict-mode: (?:[\\w$]+\\.)*([\\w$]+)\\.(\\w+)\\(\\)");
    private static final Pattern ANALYSE = Pattern.compile("^Unable to Analyse Expression (.*?):\\s*\\[Error: (.*?)]");
    private static final Pattern CONSEQUENCE = Pattern.compile("^Rule Compilation error\\s*:?\\s*");
    private static final Pattern CONSEQUENCE_TOKEN =
            Pattern.compile("The method (\\w+)\\(|(\\w+) cannot be resolved|The field \\w+\\.(\\w+)");
    static final String NULL_PACKAGE = "Parser returned a null Package";
    private static final String JAVA_ERROR = "in the rule's Java code: ";
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate rule name: (.*)$");
    private static final Pattern EXPRESSION = Pattern.compile("\\(in: (.*)\\); see|^cannot understand (.*?): ");

    /**
     * Drools' messages carry the compiler's view: error codes, generated positions, MVEL
     * internals. Keeps what an analyst can act on.
     */
    static String cleanMessage(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replace("\r", "").trim().replaceAll("\\s*\n\\s*", " ");
        m = PARSER_PREFIX.matcher(m).replaceFirst("");
        Matcher mismatched = MISMATCHED.matcher(m);
        if (mismatched.matches()) {
            return String.format("unexpected '%s' in %s%s (is a comma, bracket or quote missing before it?)",
                    mismatched.group(2), mismatched.group(3), mismatched.group(4));
        }
        Matcher duplicate = DUPLICATE.matcher(m);
        if (duplicate.matches()) {
            return String.format("two rules are named \"%s\" (in the same package); a run names its rule, so rule "
                    + "names must be unique", duplicate.group(1));
        }
        Matcher analyse = ANALYSE.matcher(m);
        if (analyse.find()) {
            Matcher property = NO_PROPERTY.matcher(analyse.group(2));
            if (property.find()) {
                return String.format("%s has no property '%s' (in: %s); see the fact model in rules-dmn/README.md",
                        property.group(1), property.group(2), analyse.group(1));
            }
            return String.format("cannot understand %s: %s", analyse.group(1), analyse.group(2));
        }
        Matcher consequence = CONSEQUENCE.matcher(m);
        if (consequence.find()) {
            return JAVA_ERROR + m.substring(consequence.end());
        }
        if (NULL_PACKAGE.equals(m)) {
            return "the file could not be parsed";
        }
        return m;
    }

    /**
     * A consequence error names the rule but not the line: finds the line (and column) of the
     * name the error is about, between the rule's "then" and its "end".
     */
    private static int[] consequencePosition(String drl, String message, int ruleLine) {
        Matcher token = CONSEQUENCE_TOKEN.matcher(message);
        if (drl == null || ruleLine <= 0 || !token.find()) {
            return null;
        }
        String name = token.group(1) != null ? token.group(1) : token.group(2) != null ? token.group(2) : token.group(3);
        Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        String[] lines = drl.split("\n", -1);
        boolean inThen = false;
        for (int i = ruleLine - 1; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (!inThen) {
                inThen = trimmed.equals("then") || trimmed.startsWith("then ");
                continue;
            }
            if (trimmed.equals("end")) {
                return null;
            }
            Matcher w = word.matcher(lines[i]);
            if (w.find()) {
                return new int[]{i + 1, w.start() + 1};
            }
        }
        return null;
    }

    /** The first position of text in the DRL (1-based line and column), or null. */
    private static int[] find(String drl, String text) {
        if (drl == null || text == null || text.isBlank()) {
            return null;
        }
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(text.trim());
            if (at >= 0) {
                return new int[]{i + 1, at + 1};
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static int columnNumber(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n = n * 26 + (c - 'A' + 1);
        }
        return n;
    }
}
