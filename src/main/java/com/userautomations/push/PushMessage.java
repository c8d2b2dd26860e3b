package com.userautomations.push;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;

import java.nio.charset.StandardCharsets;

/** What a push shows, merged already: the service worker reads {@code {"title", "body", "url"?}}. */
public record PushMessage(String title, String body, String url) {
    public PushMessage {
        if (title == null || body == null) {
            throw new IllegalArgumentException("a push has a title and a body");
        }
    }

    /** The JSON payload as UTF-8, {@code url} left out when absent. */
    public byte[] payload() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("title", title);
        json.put("body", body);
        if (url != null) {
            json.put("url", url);
        }
        return JsonBodies.write(json).getBytes(StandardCharsets.UTF_8);
    }

    /** null when the payload fits one push, else a plain sentence (the action fails with it). */
    public String refusal() {
        int bytes = payload().length;
        return bytes <= PushEncryption.MAX_PLAINTEXT ? null : new PushPayloadTooLarge(bytes).getMessage();
    }
}
