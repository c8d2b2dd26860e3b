package com.userautomations.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.delivery.EmailView;
import com.userautomations.delivery.OutboxQueries;
import com.userautomations.directory.UserStore;
import com.userautomations.events.EventQueries;
import com.userautomations.events.RunView;
import com.userautomations.events.UserEventView;
import com.userautomations.push.PushView;
import com.userautomations.webhooks.DeliveryView;
import com.userautomations.webhooks.WebhookDeliveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A user's timeline, one page at a time: one keyset query per kind, each reading at most a page
 * and one row from where that kind stopped, merged newest first. The cursor holds every kind's
 * own position (the last of its items the pages showed), so each kind goes on in its own
 * index's order whatever the order of ties between kinds: no item is shown twice or skipped,
 * and no page reads more than {@code 5 × (limit + 1)} rows, however deep it is.
 */
@ApplicationScoped
public class Timeline {
    private final UserStore users;
    private final EventQueries events;
    private final OutboxQueries outbox;
    private final WebhookDeliveries deliveries;
    private final Cursors cursors;
    private final ObjectMapper json;

    public Timeline(UserStore users, EventQueries events, OutboxQueries outbox, WebhookDeliveries deliveries,
                    Cursors cursors, ObjectMapper json) {
        this.users = users;
        this.events = events;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.cursors = cursors;
        this.json = json;
    }

    @Transactional
    public TimelinePage page(String schoolId, String userId, String limit, String cursor) {
        if (!users.exists(schoolId, userId)) {
            throw ApiException.notFound("No such user");
        }
        String scope = Cursors.scope("timeline", schoolId, userId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        Map<TimelineKind, Cursors.Before> from = positions(page);
        int n = page.fetch();
        Map<TimelineKind, Deque<TimelineEntry>> heads = new EnumMap<>(TimelineKind.class);
        heads.put(TimelineKind.EVENT, entries(TimelineKind.EVENT,
                events.eventsOfUser(schoolId, userId, from.get(TimelineKind.EVENT), n), UserEventView::receivedAt,
                UserEventView::id));
        heads.put(TimelineKind.RUN, entries(TimelineKind.RUN,
                events.runsOfUser(schoolId, userId, from.get(TimelineKind.RUN), n), RunView::startedAt, RunView::runId));
        heads.put(TimelineKind.EMAIL, entries(TimelineKind.EMAIL,
                outbox.ofUser(EmailView.TABLE, schoolId, userId, from.get(TimelineKind.EMAIL), n), EmailView::createdAt,
                EmailView::id));
        heads.put(TimelineKind.PUSH, entries(TimelineKind.PUSH,
                outbox.ofUser(PushView.TABLE, schoolId, userId, from.get(TimelineKind.PUSH), n), PushView::createdAt,
                PushView::id));
        heads.put(TimelineKind.WEBHOOK, entries(TimelineKind.WEBHOOK,
                deliveries.ofUser(schoolId, userId, from.get(TimelineKind.WEBHOOK), n), DeliveryView::createdAt,
                DeliveryView::id));

        List<TimelineEntry> merged = new ArrayList<>(n);
        Map<TimelineKind, Cursors.Before> after = new EnumMap<>(from);
        while (merged.size() < n) {
            TimelineEntry next = null;
            for (Deque<TimelineEntry> kind : heads.values()) {
                if (!kind.isEmpty() && (next == null || TimelineEntry.NEWEST_FIRST.compare(kind.peek(), next) < 0)) {
                    next = kind.peek();
                }
            }
            if (next == null) {
                break;
            }
            heads.get(next.kind()).poll();
            merged.add(next);
            if (merged.size() <= page.limit()) {
                after.put(next.kind(), new Cursors.Before(next.at(), next.id()));
            }
        }
        Page<TimelineEntry> out = cursors.page(merged, page, scope, last -> keys(after));
        return new TimelinePage(out.items().stream().map(this::item).toList(), out.nextCursor());
    }

    private static <V> Deque<TimelineEntry> entries(TimelineKind kind, List<V> views, Function<V, Instant> at,
                                                    Function<V, String> id) {
        Deque<TimelineEntry> out = new ArrayDeque<>(views.size());
        views.forEach(v -> out.add(new TimelineEntry(kind, at.apply(v), id.apply(v), v)));
        return out;
    }

    /** The cursor's keys: per kind, in the kinds' order, its position's time and id ("" and "": from its newest). */
    private static List<String> keys(Map<TimelineKind, Cursors.Before> positions) {
        List<String> keys = new ArrayList<>();
        for (TimelineKind kind : TimelineKind.values()) {
            Cursors.Before b = positions.get(kind);
            keys.add(b.at() == null ? "" : b.at().toString());
            keys.add(b.at() == null ? "" : b.id());
        }
        return keys;
    }

    private static Map<TimelineKind, Cursors.Before> positions(Cursors.PageRequest page) {
        Map<TimelineKind, Cursors.Before> out = new EnumMap<>(TimelineKind.class);
        TimelineKind[] kinds = TimelineKind.values();
        if (!page.first() && page.after().size() != 2 * kinds.length) {
            // signed by us for this list: only a cursor of another shape of this list could get here
            throw ApiException.invalid("cursor", "is not a cursor this list returned; start again from the first page");
        }
        for (int i = 0; i < kinds.length; i++) {
            String at = page.first() ? "" : page.after().get(2 * i);
            out.put(kinds[i], at.isEmpty() ? Cursors.Before.START
                    : new Cursors.Before(page.instant(2 * i), page.after().get(2 * i + 1)));
        }
        return out;
    }

    /** The item: kind, at and id first, then every field of the kind's own list's view. */
    private ObjectNode item(TimelineEntry e) {
        ObjectNode view = json.valueToTree(e.view());
        ObjectNode item = json.createObjectNode();
        item.put("kind", e.kind().wire);
        item.set("at", view.get(e.kind().atField));
        item.set("id", view.get(e.kind().idField));
        item.setAll(view);
        return item;
    }
}
