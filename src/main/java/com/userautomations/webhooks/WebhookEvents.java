package com.userautomations.webhooks;

import com.userautomations.common.BodyReader;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an endpoint subscribes to: distinct types (at least one), in the order given, or all
 * ({@code ["*"]}: every type but the ping). Stored as a comma list, which no type name holds.
 */
public record WebhookEvents(boolean all, List<WebhookEventType> types) {
    static final String ALL = "*";

    public WebhookEvents {
        types = List.copyOf(types);
    }

    public boolean includes(WebhookEventType type) {
        return type.subscribable() && (all || types.contains(type));
    }

    /** As the API shows them: {@code ["*"]} or the type names. */
    public List<String> names() {
        return all ? List.of(ALL) : types.stream().map(WebhookEventType::wireName).toList();
    }

    String stored() {
        return String.join(",", names());
    }

    static WebhookEvents fromStored(String stored) {
        if (ALL.equals(stored)) {
            return new WebhookEvents(true, List.of());
        }
        List<WebhookEventType> types = new ArrayList<>();
        for (String name : stored.split(",")) {
            types.add(WebhookEventType.fromWire(name).orElseThrow(
                    () -> new IllegalStateException("a stored webhook lists an unknown event type")));
        }
        return new WebhookEvents(false, types);
    }

    /** The list at {@code name}, or null with the errors recorded in {@code in} (null too when absent and not required). */
    static WebhookEvents read(BodyReader in, String name, boolean required) {
        JsonNode value = in.value(name);
        if (value == null) {
            if (required) {
                in.error(name, "is required");
            }
            return null;
        }
        if (!value.isArray() || value.isEmpty()) {
            in.error(name, "must be a non-empty array of event types, or [\"*\"] for all of them");
            return null;
        }
        if (value.size() > BodyReader.MAX_ITEMS) {
            in.error(name, "must have at most " + BodyReader.MAX_ITEMS + " items");
            return null;
        }
        LinkedHashSet<WebhookEventType> types = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String path = name + "[" + i + "]";
            if (!item.isTextual()) {
                in.error(path, "must be a string");
                ok = false;
            } else if (ALL.equals(item.textValue())) {
                if (value.size() > 1) {
                    in.error(path, "\"*\" stands for every type and must be the only item");
                    ok = false;
                }
            } else {
                var type = WebhookEventType.fromWire(item.textValue());
                if (type.isEmpty() || !type.get().subscribable()) {
                    in.error(path, type.isEmpty() ? "is not a known event type; known: " + WebhookEventType.subscribableNames()
                            : "is sent on request only and cannot be subscribed to");
                    ok = false;
                } else if (!types.add(type.get())) {
                    in.error(path, "appears twice");
                    ok = false;
                }
            }
        }
        if (!ok) {
            return null;
        }
        return types.isEmpty() ? new WebhookEvents(true, List.of()) : new WebhookEvents(false, new ArrayList<>(types));
    }
}
