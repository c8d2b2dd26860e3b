package com.userautomations.directory;

import com.userautomations.common.ApiException;
import com.userautomations.common.PageLimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the last id of a page, base64url-encoded. */
final class Cursor {
    private Cursor() {
    }

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "is not a cursor this service returned");
        }
    }

    static int limit(String limit) {
        return PageLimit.parse(limit);
    }
}
