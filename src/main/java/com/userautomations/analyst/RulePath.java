package com.userautomations.analyst;

import java.util.regex.Pattern;

/**
 * The paths a rules file may be uploaded to, deleted from or read at over REST. Stricter than
 * what {@link RuleFiles} reads: the path comes from a request, so it is a closed shape (no
 * way out of the folder, no hidden files, no scenario tests) before it ever meets the file
 * system.
 */
public final class RulePath {
    public static final int MAX_LENGTH = 255;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private RulePath() {
    }

    /** Why the path cannot name an analyst file, or null when it can. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "the path is empty";
        }
        if (path.length() > MAX_LENGTH) {
            return "the path is over " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/")) {
            return "the path must be relative to the rules folder (no leading /)";
        }
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return "the path has an empty segment (// or a trailing /)";
            }
            if (part.equals(".") || part.equals("..")) {
                return "the path may not contain '.' or '..' segments";
            }
            if (part.startsWith(".")) {
                return "hidden files and folders (starting with '.') are not read as rules";
            }
            if (!SEGMENT.matcher(part).matches()) {
                return "'" + part + "' has characters other than A-Z a-z 0-9 . _ -";
            }
        }
        if (parts[0].equals(RuleFiles.TESTS_FOLDER)) {
            return "tests/ holds scenario tests, not rules";
        }
        if (RuleFile.kindOf(path).isEmpty()) {
            return "the file must end in .drl, .csv, .xlsx or .dmn";
        }
        if (parts[0].equals(RuleFile.SCHOOLS_FOLDER) && parts.length != 3) {
            return "a school's file goes directly in schools/<schoolId>/, e.g. schools/acme/welcome.drl";
        }
        return new RuleFile(path, new byte[0]).pathProblem();
    }
}
