package com.userautomations.analyst;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The analysts' rules that are live: what was compiled, and the files it was compiled from
 * (their content is what GET answers; their hashes tell a reload whether the folder changed).
 */
record LiveSet(AnalystCompiler.Compiled compiled, List<RuleFile> files, Map<String, String> fingerprint) {
    static final LiveSet EMPTY = new LiveSet(AnalystCompiler.Compiled.EMPTY, List.of());

    LiveSet(AnalystCompiler.Compiled compiled, List<RuleFile> files) {
        this(compiled, List.copyOf(files), fingerprint(files));
    }

    /** Path to SHA-256 of every file: two folders with the same fingerprint hold the same rules. */
    static Map<String, String> fingerprint(List<RuleFile> files) {
        Map<String, String> m = new TreeMap<>();
        files.forEach(f -> m.put(f.path(), f.sha256()));
        return Map.copyOf(m);
    }

    Optional<RuleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    List<RuleFileView> views() {
        return compiled.files().stream()
                .map(c -> RuleFileView.of(c, file(c.path()).orElseThrow()))
                .toList();
    }

    Optional<RuleFileView> view(String path) {
        return compiled.files().stream().filter(c -> c.path().equals(path)).findFirst()
                .map(c -> RuleFileView.of(c, file(path).orElseThrow()));
    }
}
