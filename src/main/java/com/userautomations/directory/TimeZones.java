package com.userautomations.directory;

import com.userautomations.common.BodyReader;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** IANA time zones of schools and users: read from a body, and read back. */
public final class TimeZones {
    private TimeZones() {
    }

    /** The optional {@code timezone} of a body: an IANA zone, else an error at the field (and null). */
    static String read(BodyReader in) {
        String timezone = in.line("timezone", false, 100);
        if (timezone != null && of(timezone).isEmpty()) {
            in.error("timezone", "must be an IANA time zone such as Europe/Athens");
            return null;
        }
        return timezone;
    }

    /** The zone the id names; empty for none, or one this Java does not know (any more). */
    public static Optional<ZoneId> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
