package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A data directory for the packaged service that does not exist yet, and nothing else configured. */
public class EmbeddedDataDir implements QuarkusTestResourceLifecycleManager {
    static final Path ROOT = Path.of("target", "it-data").toAbsolutePath();
    /** Created by the service itself, so the test sees the permissions it creates. */
    static final Path DIR = ROOT.resolve("data");

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(ROOT)) {
                try (Stream<Path> files = Files.walk(ROOT)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("automations.data-dir", DIR.toString());
    }

    @Override
    public void stop() {
    }
}
