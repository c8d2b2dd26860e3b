package com.userautomations.push;

import java.util.Base64;

/** Base64url as web push uses it: written unpadded; read with or without padding, as browsers send it. */
final class Base64Url {
    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The bytes, or null when the text is not base64url (standard base64's + and / included). */
    static byte[] decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
