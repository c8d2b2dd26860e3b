package com.userautomations.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A school's send window: messages go out between {@code start} and {@code end} (local time,
 * {@code HH:MM}, {@code 24:00} the end of the day, never across midnight) on {@code days}
 * ({@code mon}..{@code sun}, in week order). Plain Java: what "the next opening" is, DST
 * included, is tested without a container.
 */
public record SendWindow(String start, String end, List<String> days) {
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
    public static final String TIME_RULE = "must be a time HH:MM from 00:00 to 24:00";
    public static final List<String> WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final int END_OF_DAY = 24 * 60;

    public SendWindow {
        days = days == null || days.isEmpty() ? WEEK : List.copyOf(days);
    }

    /** The minute of the day of {@code HH:MM}, or -1 when the text is not such a time. */
    public static int minuteOf(String text) {
        if (text == null || !HH_MM.matcher(text).matches()) {
            return -1;
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    /** The day's wire name ({@code mon}), or null when it is none. */
    public static DayOfWeek dayOf(String text) {
        int i = WEEK.indexOf(text);
        return i < 0 ? null : DayOfWeek.of(i + 1);
    }

    /** The same window with its days in week order, as it is stored and shown. */
    public SendWindow normalized() {
        List<String> ordered = new ArrayList<>();
        for (String d : WEEK) {
            if (days.contains(d)) {
                ordered.add(d);
            }
        }
        return new SendWindow(start, end, ordered);
    }

    /**
     * When a message created at {@code now} may go: empty when the window is open (start
     * included, end excluded), else the next opening in {@code zone}. A local opening time that
     * a DST gap skips is the first instant after the gap; one that happens twice, the first.
     */
    public Optional<Instant> nextOpening(Instant now, ZoneId zone) {
        int from = minuteOf(start);
        int to = minuteOf(end);
        Set<DayOfWeek> open = EnumSet.noneOf(DayOfWeek.class);
        days.forEach(d -> open.add(dayOf(d)));
        LocalDate today = LocalDate.ofInstant(now, zone);
        // a window ends by midnight, so yesterday's has closed; within 8 days an opening comes
        for (int d = 0; d <= 7; d++) {
            LocalDate date = today.plusDays(d);
            if (!open.contains(date.getDayOfWeek())) {
                continue;
            }
            Instant opens = at(date, from, zone);
            if (now.isBefore(opens)) {
                return Optional.of(opens);
            }
            if (now.isBefore(at(date, to, zone))) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException("a window with at least one day opens within a week");
    }

    private static Instant at(LocalDate date, int minute, ZoneId zone) {
        LocalDateTime local = minute == END_OF_DAY ? date.plusDays(1).atStartOfDay()
                : date.atTime(minute / 60, minute % 60);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant(); // in an overlap, the earlier offset: the first time it is that hour
    }
}
