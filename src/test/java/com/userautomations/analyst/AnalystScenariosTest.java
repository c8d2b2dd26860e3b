package com.userautomations.analyst;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The analysts' scenarios (rules-dmn/tests/*.json) against the real rules-dmn/ folder: one test
 * per scenario, named after its file and name. Plain Java: the folder is compiled as the
 * service compiles it and each scenario's event evaluated as the service evaluates one.
 */
class AnalystScenariosTest {
    static final Path RULES = Path.of("rules-dmn");
    static final Path TESTS = RULES.resolve(RuleFiles.TESTS_FOLDER);

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        AnalystCompiler.Compiled compiled;
        try {
            compiled = AnalystCompiler.compile(RuleFiles.read(RULES), 1);
        } catch (RuleFilesRefused e) {
            return Stream.of(DynamicTest.dynamicTest("rules-dmn/ compiles", () -> fail(e.getMessage())));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : scenarioFiles()) {
            String name = RuleFiles.relative(RULES, file);
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            } catch (ScenarioFile.Malformed e) {
                tests.add(DynamicTest.dynamicTest(name, () -> fail(e.getMessage())));
                continue;
            }
            for (Scenario s : scenarios) {
                tests.add(DynamicTest.dynamicTest(s.title(), () -> {
                    List<String> failures = ScenarioRunner.run(s, compiled);
                    if (!failures.isEmpty()) {
                        fail("scenario \"" + s.name() + "\" in " + name + " fails:\n  " + String.join("\n  ", failures));
                    }
                }));
            }
        }
        if (tests.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("rules-dmn/tests has scenarios",
                    () -> fail("no scenario files (*.json) in " + TESTS)));
        }
        return tests.stream();
    }

    static List<Path> scenarioFiles() throws IOException {
        if (!Files.isDirectory(TESTS)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(TESTS)) {
            return paths.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
    }
}
