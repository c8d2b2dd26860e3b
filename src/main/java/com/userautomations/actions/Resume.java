package com.userautomations.actions;

/**
 * Why a run waiting at a {@code wait_for} goes on: an event matched ({@code then}) or its
 * timeout came ({@code else}). Given to a run resumed elsewhere, it is ignored.
 */
public record Resume(String outcome, String eventId) {
    public static final String EVENT = "event";
    public static final String TIMEOUT = "timeout";

    /** The timer's resumption: the time ran out (or, for a plain wait, simply came). */
    public static Resume timeout() {
        return new Resume(TIMEOUT, null);
    }

    /** The event {@code eventId} (null for an internal one of a chain without a root event) matched. */
    public static Resume event(String eventId) {
        return new Resume(EVENT, eventId);
    }

    public boolean byEvent() {
        return EVENT.equals(outcome);
    }
}
