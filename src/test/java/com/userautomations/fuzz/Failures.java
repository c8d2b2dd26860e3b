package com.userautomations.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects the first failures of a fuzz run, each with what reproduces it, and fails once at the end. */
final class Failures {
    private static final int KEEP = 16;
    private static final int KEEP_PER_KIND = 3;
    private final String run;
    private final List<String> seen = new ArrayList<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private int count;

    Failures(String run) {
        this.run = run;
    }

    void add(String what, String input, Throwable error) {
        count++;
        // the kind: the message up to its first colon, without case numbers, and the request's method and
        // first path segment when the input is a request; a few examples of each kind are kept
        String kind = what.replaceAll("case \\d+", "case").replaceAll("(?s):.*", "").trim()
                + (input.matches("(?s)[A-Z]+ /.*") ? " on " + input.replaceAll("(?s)^([A-Z]+ /[^/ (]+).*$", "$1") : "");
        int ofKind = kinds.merge(kind, 1, Integer::sum);
        if (seen.size() < KEEP && ofKind <= KEEP_PER_KIND) {
            StringWriter trace = new StringWriter();
            if (error != null) {
                error.printStackTrace(new PrintWriter(trace));
            }
            seen.add(what + "\n  input: " + input + (error == null ? "" : "\n  " + shorten(trace.toString(), 3_000)));
        }
    }

    void add(String what, String input) {
        add(what, input, null);
    }

    int count() {
        return count;
    }

    void assertNone() {
        if (count > 0) {
            throw new AssertionError(run + ": " + count + " failing case(s) " + kinds + "; examples:\n\n"
                    + String.join("\n\n", seen));
        }
    }

    /** The compact JSON of a node, shortened for a message (a deep tree may not print at all). */
    static String describe(JsonNode node) {
        try {
            return shorten(String.valueOf(node), 600);
        } catch (StackOverflowError | RuntimeException e) {
            return "<" + node.getNodeType() + " too deep to print>";
        }
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }
}
