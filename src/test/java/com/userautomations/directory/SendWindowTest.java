package com.userautomations.directory;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The next opening of a send window, as plain Java: days, the window's edges, DST gaps and overlaps. */
class SendWindowTest {
    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");
    private static final SendWindow NINE_TO_FIVE = new SendWindow("09:00", "17:00", null);

    private static Instant athens(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), ATHENS).toInstant();
    }

    @Test
    void lateInTheEveningWaitsForTheNextMorningInTheZone() {
        // 23:00 in Athens in December is 21:00Z; 09:00 the next day is 07:00Z
        assertThat(NINE_TO_FIVE.nextOpening(athens("2026-12-03T23:00"), ATHENS))
                .contains(Instant.parse("2026-12-04T07:00:00Z"));
        assertThat(NINE_TO_FIVE.nextOpening(athens("2026-12-04T06:59"), ATHENS))
                .contains(Instant.parse("2026-12-04T07:00:00Z"));
    }

    @Test
    void theStartIsInsideAndTheEndOutside() {
        assertThat(NINE_TO_FIVE.nextOpening(athens("2026-12-04T09:00"), ATHENS)).isEmpty();
        assertThat(NINE_TO_FIVE.nextOpening(athens("2026-12-04T16:59:59"), ATHENS)).isEmpty();
        assertThat(NINE_TO_FIVE.nextOpening(athens("2026-12-04T17:00"), ATHENS)).contains(athens("2026-12-05T09:00"));
    }

    @Test
    void theSameMomentOpensElsewhereInAnotherZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant at = Instant.parse("2026-12-04T15:00:00Z"); // 17:00 in Athens, 10:00 in New York
        assertThat(NINE_TO_FIVE.nextOpening(at, newYork)).isEmpty();
        assertThat(NINE_TO_FIVE.nextOpening(at, ATHENS)).contains(athens("2026-12-05T09:00"));
    }

    @Test
    void onlyTheWindowsDaysOpen() {
        SendWindow weekdays = new SendWindow("09:00", "17:00", List.of("mon", "tue", "wed", "thu", "fri"));
        // Friday 2026-12-04 at 18:00: the next opening is Monday the 7th
        assertThat(weekdays.nextOpening(athens("2026-12-04T18:00"), ATHENS)).contains(athens("2026-12-07T09:00"));
        assertThat(weekdays.nextOpening(athens("2026-12-05T12:00"), ATHENS)).contains(athens("2026-12-07T09:00"));
        SendWindow sundays = new SendWindow("10:00", "11:00", List.of("sun"));
        // Sunday 2026-12-06 at 11:00 has just closed: a week later
        assertThat(sundays.nextOpening(athens("2026-12-06T11:00"), ATHENS)).contains(athens("2026-12-13T10:00"));
    }

    @Test
    void aWindowMayEndAtMidnight() {
        SendWindow evening = new SendWindow("20:00", "24:00", null);
        assertThat(evening.nextOpening(athens("2026-12-04T23:59:59"), ATHENS)).isEmpty();
        assertThat(evening.nextOpening(athens("2026-12-05T00:00"), ATHENS)).contains(athens("2026-12-05T20:00"));
        assertThat(new SendWindow("00:00", "24:00", List.of("sat")).nextOpening(athens("2026-12-04T12:00"), ATHENS))
                .contains(athens("2026-12-05T00:00"));
    }

    @Test
    void anOpeningInADstGapIsTheFirstInstantAfterIt() {
        // Athens skips 03:00-04:00 on 2026-03-29: at 01:00Z clocks go from 03:00 EET to 04:00 EEST
        SendWindow early = new SendWindow("03:30", "05:00", null);
        assertThat(early.nextOpening(Instant.parse("2026-03-29T00:00:00Z"), ATHENS))
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        // the gap's first instant is inside the window
        assertThat(early.nextOpening(Instant.parse("2026-03-29T01:00:00Z"), ATHENS)).isEmpty();
    }

    @Test
    void anOpeningThatHappensTwiceIsTheFirst() {
        // Athens has 03:00-04:00 twice on 2026-10-25 (EEST, then EET from 01:00Z)
        SendWindow early = new SendWindow("03:30", "05:00", null);
        assertThat(early.nextOpening(Instant.parse("2026-10-24T22:00:00Z"), ATHENS))
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void daysAreKeptInWeekOrder() {
        assertThat(new SendWindow("09:00", "10:00", List.of("sun", "mon")).normalized().days()).containsExactly("mon", "sun");
        assertThat(new SendWindow("09:00", "10:00", null).days()).hasSize(7);
        assertThat(SendWindow.minuteOf("24:00")).isEqualTo(1440);
        assertThat(SendWindow.minuteOf("24:01")).isEqualTo(-1);
        assertThat(SendWindow.minuteOf("9:00")).isEqualTo(-1);
    }
}
