package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a rotation: the new secret, shown this once; the old one signs on for 24 h. */
@Schema(name = "RotatedWebhookSecret")
public record RotatedSecretView(@Schema(description = "whsec_ and the padded standard base64 of 32 random bytes") String secret) {
}
