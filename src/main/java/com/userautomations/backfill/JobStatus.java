package com.userautomations.backfill;

import java.util.Locale;

/** Where a job stands; queued and running are live (one at most per automation), the rest ended. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public boolean live() {
        return this == QUEUED || this == RUNNING;
    }
}
