package com.userautomations.automation;

import com.userautomations.common.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of an automation's versions, newest first. */
@Schema(name = "AutomationVersionList")
public record AutomationVersionList(List<AutomationVersionView> items,
                                    @Schema(nullable = true, description = "null on the last page") String nextCursor) {

    static AutomationVersionList of(Page<AutomationVersionView> page) {
        return new AutomationVersionList(page.items(), page.nextCursor());
    }
}
