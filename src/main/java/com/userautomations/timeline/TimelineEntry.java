package com.userautomations.timeline;

import java.time.Instant;
import java.util.Comparator;

/** One item of a timeline before it is written: its kind, its time and id (the sort keys), its list's view. */
record TimelineEntry(TimelineKind kind, Instant at, String id, Object view) {
    /** Newest first by time, then id descending; the kind's order only between kinds. */
    static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::at).reversed()
            .thenComparing(Comparator.comparing(TimelineEntry::id).reversed())
            .thenComparing(TimelineEntry::kind);
}
