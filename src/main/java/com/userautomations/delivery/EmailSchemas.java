package com.userautomations.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The page of emails as the OpenAPI document names it: {@link com.userautomations.common.Page} is generic. */
final class EmailSchemas {
    private EmailSchemas() {
    }

    @Schema(name = "EmailList")
    record EmailList(List<EmailView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
