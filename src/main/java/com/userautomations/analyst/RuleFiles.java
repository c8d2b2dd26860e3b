package com.userautomations.analyst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the analysts' folder: every .drl, .csv, .xlsx and .dmn file under it, except the
 * scenario tests under {@code tests/} and hidden files. A folder that does not exist holds no
 * rules.
 */
public final class RuleFiles {
    public static final String TESTS_FOLDER = "tests";

    private RuleFiles() {
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

    /**
     * Writes one file atomically: a hidden temporary file in the same folder (the reader skips
     * it), then a move over the target, so a reader sees the old content or the new, never half.
     *
     * @param path a path {@link RulePath} accepts
     */
    public static void write(Path root, String path, byte[] content) throws IOException {
        Path target = resolve(root, path);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes one file; false when it was not there. */
    public static boolean delete(Path root, String path) throws IOException {
        return Files.deleteIfExists(resolve(root, path));
    }

    /** The file a checked relative path names; refuses anything that would leave the folder. */
    private static Path resolve(Path root, String path) {
        if (RulePath.problem(path) != null) {
            throw new IllegalArgumentException("not a rules path: " + path);
        }
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(path).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException("not a rules path: " + path);
        }
        return target;
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
