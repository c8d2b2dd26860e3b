package com.userautomations.analyst;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The service with an empty rules folder of its own in a temporary directory, so tests can
 * upload, break and delete files without touching the repository's rules-dmn/.
 */
public class TempRulesFolder implements QuarkusTestProfile {
    public static final Path DIR = create();

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("rules-dmn-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("automations.rules-dir", DIR.toString());
    }
}
