package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The request bodies and the page as the OpenAPI document names them. */
final class WebhookSchemas {
    private WebhookSchemas() {
    }

    @Schema(name = "WebhookRequest")
    record WebhookRequest(@Schema(required = true, maxLength = 2048, description = "absolute https URL") String url,
                          @Schema(required = true, description = "distinct event types, or [\"*\"]") List<String> events,
                          @Schema(maxLength = 500) String description) {
    }

    @Schema(name = "WebhookPatch", description = "only the keys given change; null is absent")
    record WebhookPatch(@Schema(maxLength = 2048) String url, List<String> events, @Schema(maxLength = 500) String description,
                        @Schema(enumeration = {"enabled", "disabled"}) String status) {
    }

    @Schema(name = "WebhookList")
    record WebhookList(List<WebhookView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }

    @Schema(name = "WebhookDeliveryList")
    record DeliveryList(List<DeliveryView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
