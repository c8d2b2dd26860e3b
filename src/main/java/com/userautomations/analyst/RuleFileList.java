package com.userautomations.analyst;

import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Comparator;
import java.util.List;

/** A page of the live analysts' files; the document names it, where a generic {@code Page} would be named after Java. */
@Schema(name = "RuleFileList")
public record RuleFileList(List<RuleFileView> items, @Schema(nullable = true) String nextCursor) {

    /** The files by path: they are in memory, so the list is sorted, then cut. */
    static RuleFileList page(List<RuleFileView> files, Cursors cursors, String limit, String cursor) {
        String scope = Cursors.scope("rules", null);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        String after = page.first() ? "" : page.after().get(0);
        List<RuleFileView> rows = files.stream().filter(f -> f.path().compareTo(after) > 0)
                .sorted(Comparator.comparing(RuleFileView::path)).limit(page.fetch()).toList();
        Page<RuleFileView> cut = cursors.page(rows, page, scope, f -> List.of(f.path()));
        return new RuleFileList(cut.items(), cut.nextCursor());
    }
}
