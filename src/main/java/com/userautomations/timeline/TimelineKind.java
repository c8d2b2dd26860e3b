package com.userautomations.timeline;

/**
 * The kinds of a timeline's items, in the order that breaks a tie of time and id between kinds
 * (and the order of their positions in a cursor), with the fields of their views that are the
 * item's time and id: an event's receipt, a run's start, else the creation (API.md 1.1).
 */
enum TimelineKind {
    EVENT("event", "receivedAt", "id"),
    RUN("run", "startedAt", "runId"),
    EMAIL("email", "createdAt", "id"),
    PUSH("push", "createdAt", "id"),
    WEBHOOK("webhook", "createdAt", "id");

    final String wire;
    /** The fields of the kind's own view that are the item's {@code at} and {@code id}. */
    final String atField;
    final String idField;

    TimelineKind(String wire, String atField, String idField) {
        this.wire = wire;
        this.atField = atField;
        this.idField = idField;
    }
}
