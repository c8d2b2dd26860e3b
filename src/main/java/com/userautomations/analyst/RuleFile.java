package com.userautomations.analyst;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One analyst file: its path relative to the rules folder ('/' separated) and its content.
 * The path says what it is (by extension) and where it applies: {@code schools/<schoolId>/...}
 * applies to that school only, anything else to every school.
 */
public record RuleFile(String path, byte[] content) {
    public static final String SCHOOLS_FOLDER = "schools";
    private static final Pattern SCHOOL_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    /** What a file holds, by its extension. */
    public enum Kind {
        DRL("drl"), CSV_TABLE("csv"), XLSX_TABLE("xlsx"), DMN("dmn");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name of the kind in answers: its extension. */
        public String wireName() {
            return wireName;
        }

        public boolean isDecisionTable() {
            return this == CSV_TABLE || this == XLSX_TABLE;
        }
    }

    /** The kind of an analyst file, or empty for a file that is not one (a README, say). */
    public static Optional<Kind> kindOf(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".drl")) {
            return Optional.of(Kind.DRL);
        }
        if (p.endsWith(".csv")) {
            return Optional.of(Kind.CSV_TABLE);
        }
        if (p.endsWith(".xlsx")) {
            return Optional.of(Kind.XLSX_TABLE);
        }
        if (p.endsWith(".dmn")) {
            return Optional.of(Kind.DMN);
        }
        return Optional.empty();
    }

    /** The SHA-256 of the content, in lower-case hex: how a changed file is noticed. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public Kind kind() {
        return kindOf(path).orElseThrow(() -> new IllegalStateException("not an analyst file: " + path));
    }

    /** The school this file is scoped to, or null for a global file. */
    public String schoolId() {
        String[] parts = path.split("/");
        return parts.length >= 3 && SCHOOLS_FOLDER.equals(parts[0]) ? parts[1] : null;
    }

    /** Why this path cannot hold rules, or null when it can. */
    public String pathProblem() {
        String[] parts = path.split("/");
        if (SCHOOLS_FOLDER.equals(parts[0])) {
            if (parts.length < 3) {
                return "a file directly under schools/ applies to no school: put it in schools/<schoolId>/";
            }
            if (!SCHOOL_ID.matcher(parts[1]).matches()) {
                return "the folder schools/" + parts[1] + "/ is not a school id (1-128 characters of A-Z a-z 0-9 . _ : @ -)";
            }
        }
        return null;
    }
}
