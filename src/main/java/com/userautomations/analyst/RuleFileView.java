package com.userautomations.analyst;

import java.util.List;

/**
 * One live analyst file as the REST API describes it.
 *
 * @param schoolId null for a global file
 * @param kind     drl, csv, xlsx or dmn
 * @param names    the rules it defines (a decision table: one per row), or the DMN models
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RuleFile")
public record RuleFileView(String path, String schoolId, String kind, List<String> names, long size, String sha256) {

    static RuleFileView of(AnalystCompiler.CompiledFile compiled, RuleFile file) {
        return new RuleFileView(compiled.path(), compiled.schoolId(), compiled.kind().wireName(),
                List.copyOf(compiled.names()), file.content().length, file.sha256());
    }
}
