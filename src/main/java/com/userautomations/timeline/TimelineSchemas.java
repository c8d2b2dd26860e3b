package com.userautomations.timeline;

import com.userautomations.delivery.EmailView;
import com.userautomations.events.RunView;
import com.userautomations.events.UserEventView;
import com.userautomations.push.PushView;
import com.userautomations.webhooks.DeliveryView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** How the OpenAPI document describes a timeline's item; the items are written by {@link Timeline}. */
final class TimelineSchemas {
    private TimelineSchemas() {
    }

    @Schema(name = "TimelineItem", description = "kind, at and id, then the fields the item has in its own list "
            + "(/events?userId=, /runs, /emails, /pushes, a webhook's deliveries)",
            anyOf = {UserEventView.class, RunView.class, EmailView.class, PushView.class, DeliveryView.class})
    record Item(@Schema(required = true, enumeration = {"event", "run", "email", "push", "webhook"}) String kind,
                @Schema(required = true, description = "an event's receivedAt, a run's startedAt, else createdAt") Instant at,
                @Schema(required = true, description = "the item's id in its own list (a run's runId)") String id) {
    }
}
