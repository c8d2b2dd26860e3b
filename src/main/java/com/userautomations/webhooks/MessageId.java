package com.userautomations.webhooks;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A delivery's id, sent as {@code webhook-id}: {@code msg_} and 26 characters of [0-9A-Za-z],
 * one per change and endpoint, the same on every attempt (receivers de-duplicate on it). No
 * {@code .} or {@code :}, so it fits the signed text and the colon paths.
 */
public final class MessageId {
    private static final String PREFIX = "msg_";
    private static final int LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("msg_[0-9A-Za-z]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageId() {
    }

    public static String generate() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return PREFIX + new String(id);
    }

    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
