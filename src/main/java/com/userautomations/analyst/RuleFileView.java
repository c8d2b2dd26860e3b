package com.userautomations.analyst;

import com.userautomations.common.Cursors;
import com.userautomations.common.Page;

import java.util.Comparator;
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

    /** A page of the live files by path (the files are in memory: the list is sorted, then cut). */
    static Page<RuleFileView> page(List<RuleFileView> files, Cursors cursors, String limit, String cursor) {
        String scope = Cursors.scope("rules", null);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        String after = page.first() ? "" : page.after().get(0);
        List<RuleFileView> rows = files.stream().filter(f -> f.path().compareTo(after) > 0)
                .sorted(Comparator.comparing(RuleFileView::path)).limit(page.fetch()).toList();
        return cursors.page(rows, page, scope, f -> List.of(f.path()));
    }
}
