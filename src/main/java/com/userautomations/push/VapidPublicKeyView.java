package com.userautomations.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a browser passes to pushManager.subscribe as applicationServerKey. */
@Schema(name = "VapidPublicKey")
public record VapidPublicKeyView(
        @Schema(description = "the 65-byte uncompressed P-256 point, unpadded base64url") String publicKey) {
}
