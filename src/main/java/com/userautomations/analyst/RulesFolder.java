package com.userautomations.analyst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the analysts' folder: every .drl, .csv, .xlsx and .dmn file under it, except the
 * scenario tests under {@code tests/} and hidden files. A folder that does not exist holds no
 * rules.
 */
public final class RulesFolder {
    public static final String TESTS_FOLDER = "tests";

    private RulesFolder() {
    }

    /** The analyst files under root, sorted by path. */
    public static List<RuleFile> read(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (!Files.isDirectory(root)) {
            throw new RuleFilesRefused(List.of(new RuleFileError(root.toString(), 0, 0,
                    "the rules folder is a file, not a folder")));
        }
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                String rel = relative(root, p);
                if (rel.startsWith(TESTS_FOLDER + "/") || isHidden(rel) || RuleFile.kindOf(rel).isEmpty()) {
                    continue;
                }
                files.add(new RuleFile(rel, Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules folder " + root, e);
        }
        return files;
    }

    static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static boolean isHidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
