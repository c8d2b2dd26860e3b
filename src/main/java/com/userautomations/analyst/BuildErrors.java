package com.userautomations.analyst;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.KnowledgeBuilderError;

/**
 * Drools' build errors as an analyst can act on them: at the file, line and column of what they
 * wrote (a consequence's Java, an expression, a table's row), in words without compiler internals.
 */
final class BuildErrors {
    private BuildErrors() {
    }

    static RuleFileError of(Map<String, String> drlByFile, KnowledgeBuilderError e) {
        String file = e.getResource() == null || e.getResource().getSourcePath() == null ? "?"
                : e.getResource().getSourcePath();
        int line = e.getLines() == null || e.getLines().length == 0 ? 0 : Math.max(0, e.getLines()[0]);
        int column = e instanceof ParserError p ? Math.max(0, p.getCol())
                : e instanceof DescrBuildError d ? Math.max(0, d.getColumn()) : 0;
        String message = cleanMessage(e.getMessage());
        if (e instanceof ParserError) {
            column += 1; // the DRL parser counts columns from 0
        } else if (message.startsWith(JAVA_ERROR)) {
            int[] at = consequencePosition(drlByFile.get(file), message, line);
            if (at != null) {
                line = at[0];
                column = at[1];
                message = "in the consequence (then): " + message.substring(JAVA_ERROR.length());
            }
        } else if (line <= 0) {
            Matcher expression = EXPRESSION.matcher(message);
            int[] at = expression.find() ? find(drlByFile.get(file), expression.group(1) != null ? expression.group(1)
                    : expression.group(2)) : null;
            if (at != null) {
                line = at[0];
                column = at[1];
            }
        }
        RuleFile.Kind kind = RuleFile.kindOf(file).orElse(RuleFile.Kind.DRL);
        if (kind.isDecisionTable()) {
            return DecisionTables.error(file, drlByFile.get(file), line, message);
        }
        return new RuleFileError(file, line, column, message);
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

}
