package com.userautomations.actions;

/** How one action of a run ended: done, pending (queued email, or after a wait), failed or skipped. */
public record ActionOutcome(int index, String type, String status, String error) {
}
