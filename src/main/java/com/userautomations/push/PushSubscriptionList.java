package com.userautomations.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A user's subscriptions, oldest first (at most {@link PushSubscriptionService#MAX_PER_USER}, so one page). */
@Schema(name = "PushSubscriptionList")
public record PushSubscriptionList(List<PushSubscriptionView> items) {
}
