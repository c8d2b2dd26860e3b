package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data directory for the packaged service, and nothing else configured. */
public class EmbeddedDataDir implements QuarkusTestResourceLifecycleManager {
    static final Path DIR = Path.of("target", "it-data").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(DIR)) {
                try (Stream<Path> files = Files.walk(DIR)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("automations.data-dir", DIR.toString());
    }

    @Override
    public void stop() {
    }
}
