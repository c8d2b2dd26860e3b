package com.userautomations.actions;

import com.userautomations.common.ServiceClock;
import com.userautomations.delivery.CapLedger;
import com.userautomations.directory.FrequencyCap;
import com.userautomations.directory.SendWindow;
import com.userautomations.directory.TimeZones;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A school's send window and frequency cap applied to a message as a run creates it (API.md
 * 1.1): outside the window it is held to the next opening in the user's time zone (else the
 * school's); a message to the run's user over the cap is skipped. Transactional messages are
 * neither held nor capped nor counted.
 */
@ApplicationScoped
public class Pacing {
    static final String OVER_CAP = "over the school's frequency cap";

    private final CapLedger ledger;
    private final ServiceClock clock;

    public Pacing(CapLedger ledger, ServiceClock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** When a message is created: the service clock, which windows, caps and the outbox read. */
    Instant now() {
        return clock.now();
    }

    /** Why the message to the run's user is not sent (the cap), or null when it may be. */
    String capped(ActionContext ctx, Instant now) {
        FrequencyCap cap = ctx.school().frequencyCap();
        if (cap == null) {
            return null;
        }
        int recent = ledger.countAfter(ctx.school().id(), ctx.user().id(), now.minus(cap.period()));
        return recent >= cap.max() ? OVER_CAP : null;
    }

    /** Counts a queued message to the run's user for later messages' caps. */
    void count(ActionContext ctx, int actionIndex, Instant now) {
        ledger.record(ctx.school().id(), ctx.user().id(), ctx.runId(), actionIndex, now);
    }

    /** When a message created now may go: null at once, else the window's next opening. */
    Instant notBefore(ActionContext ctx, Instant now) {
        SendWindow window = ctx.school().sendWindow();
        return window == null ? null : window.nextOpening(now, zone(ctx)).orElse(null);
    }

    /** The user's zone (checked when saved, but one this Java no longer knows falls back), else the school's. */
    static ZoneId zone(ActionContext ctx) {
        return TimeZones.of(ctx.user().timezone()).orElse(ctx.school().timezone());
    }
}
