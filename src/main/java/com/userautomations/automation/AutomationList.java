package com.userautomations.automation;

import com.userautomations.common.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of automations; the document names it, where a generic {@code Page} would be named after Java. */
@Schema(name = "AutomationList")
public record AutomationList(List<AutomationView> items,
                             @Schema(nullable = true, description = "null on the last page") String nextCursor) {

    static AutomationList of(Page<AutomationView> page) {
        return new AutomationList(page.items(), page.nextCursor());
    }
}
