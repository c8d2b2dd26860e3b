package com.userautomations.automation;

import java.util.Collection;
import java.util.Set;

/**
 * Which of the webhook endpoints a send_webhook action names the school does not have: checked
 * when the automation is saved. The webhooks package implements it; automations only ask.
 */
public interface WebhookCheck {
    Set<String> missing(String schoolId, Collection<String> endpointIds);
}
