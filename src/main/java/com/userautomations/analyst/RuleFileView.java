package com.userautomations.analyst;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One live analyst file as the REST API describes it; a global file's schoolId is written as null. */
@Schema(name = "RuleFile")
public record RuleFileView(String path,
                           @Schema(nullable = true, description = "null for a global file") String schoolId,
                           @Schema(enumeration = {"drl", "csv", "xlsx", "dmn"}) String kind,
                           @Schema(description = "the rules it defines (a decision table: one per row), or the DMN models")
                           List<String> names,
                           @Schema(description = "bytes") long size, String sha256) {

    static RuleFileView of(AnalystCompiler.CompiledFile compiled, RuleFile file) {
        return new RuleFileView(compiled.path(), compiled.schoolId(), compiled.kind().wireName(),
                List.copyOf(compiled.names()), file.content().length, file.sha256());
    }
}
