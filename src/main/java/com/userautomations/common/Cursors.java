package com.userautomations.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The one paging mechanism of every list (API.md 1.1, "Paging"): keyset pages whose cursor holds
 * the sort keys of the page's last row (a time and an id for newest-first lists, an id for the
 * others), when it was made, and an HMAC-SHA256 over those and the list's <em>scope</em> (the
 * list, the school and every filter). A cursor is therefore opaque and tamper-evident: changed
 * keys, another list, another school or other filters fail the signature, and one older than
 * {@link #LIFETIME} is refused; both are a 422 at {@code cursor}. The query itself always stays
 * scoped by the caller's school, the cursor only says where to go on.
 */
@ApplicationScoped
public class Cursors {
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;

    private final CursorSecret secret;
    private final Clock clock;

    @Inject
    public Cursors(CursorSecret secret) {
        this(secret, Clock.systemUTC());
    }

    Cursors(CursorSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** What a list request asks for: the page size and the keys to continue after (empty: the first page). */
    public record PageRequest(int limit, List<String> after) {
        public boolean first() {
            return after.isEmpty();
        }

        /** The i-th key of the cursor as an instant (keys this service wrote, checked by the signature). */
        public Instant instant(int i) {
            return Instant.parse(after.get(i));
        }

        /**
         * The keyset condition of a newest-first list ({@code ORDER BY <timeColumn> DESC, id}) after
         * this cursor, its values added to {@code params}; "" on the first page.
         */
        public String newestFirstAfter(String timeColumn, List<Object> params) {
            return first() ? "" : Cursors.newestFirstAfter(timeColumn, instant(0), after.get(1), params);
        }

        /** Rows to fetch: one more than the page, which tells whether there is a next one. */
        public int fetch() {
            return limit + 1;
        }
    }

    /**
     * {@code AND (t < ? OR (t = ? AND id > ?))} for rows after ({@code at}, {@code id}) in a list
     * ordered by {@code timeColumn} DESC, id ("" when {@code at} is null). The column is one of
     * ours, never request text.
     */
    public static String newestFirstAfter(String timeColumn, Instant at, String id, List<Object> params) {
        if (at == null) {
            return "";
        }
        params.add(at);
        params.add(at);
        params.add(id);
        return " AND (" + timeColumn + " < ? OR (" + timeColumn + " = ? AND id > ?))";
    }

    /**
     * Where a page of a list ordered by time DESC, id DESC goes on: the rows before ({@code at},
     * {@code id}); {@link #START} (at null) is the newest row.
     */
    public record Before(Instant at, String id) {
        public static final Before START = new Before(null, null);

        /** The keyset condition on {@code timeColumn} and id, its values added to {@code params}. */
        public String where(String timeColumn, List<Object> params) {
            return newestFirstBefore(timeColumn, at, id, params);
        }
    }

    /**
     * {@code AND (t, id) < (?, ?)} for rows after ({@code at}, {@code id}) in a list ordered by
     * {@code timeColumn} DESC, id DESC ("" when {@code at} is null). A row value comparison, so
     * that an index on (..., t, id) starts its scan at the position instead of reading and
     * dropping every newer row. The column is one of ours, never request text.
     */
    public static String newestFirstBefore(String timeColumn, Instant at, String id, List<Object> params) {
        if (at == null) {
            return "";
        }
        params.add(at);
        params.add(id);
        return " AND (" + timeColumn + ", id) < (?, ?)";
    }

    /**
     * The scope a cursor is bound to: the list's name, the school (null for operator lists) and
     * the filters in a fixed order, absent ones included as such.
     */
    public static String scope(String list, String schoolId, String... filters) {
        StringBuilder b = new StringBuilder(list).append('\u0000').append(schoolId == null ? "\u0001" : schoolId);
        for (String f : filters) {
            b.append('\u0000').append(f == null ? "\u0001" : f);
        }
        return b.toString();
    }

    /** Reads {@code limit} (1-1000, default 100: else 422 at limit) and {@code cursor} (422 at cursor). */
    public PageRequest request(String limit, String cursor, String scope) {
        int n = PageLimit.parse(limit);
        return new PageRequest(n, read(scope, cursor));
    }

    /**
     * The page of {@code rows} (fetched with {@link PageRequest#fetch()}): at most {@code limit}
     * items and, when a row was left over, the cursor after the last item.
     */
    public <T> Page<T> page(List<T> rows, PageRequest request, String scope, Function<T, List<String>> keys) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, make(scope, keys.apply(items.get(items.size() - 1))));
    }

    String make(String scope, List<String> keys) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(clock.instant().getEpochSecond());
            out.writeByte(keys.size());
            for (String k : keys) {
                out.writeUTF(k);
            }
            out.flush();
            byte[] payload = bytes.toByteArray();
            byte[] mac = mac(scope, payload);
            byte[] all = Arrays.copyOf(payload, payload.length + MAC_BYTES);
            System.arraycopy(mac, 0, all, payload.length, MAC_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> read(String scope, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return List.of();
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        if (all.length <= MAC_BYTES + 10) {
            throw refused();
        }
        byte[] payload = Arrays.copyOf(all, all.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(all, all.length - MAC_BYTES, all.length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(scope, payload), MAC_BYTES))) {
            throw refused();
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            if (in.readByte() != VERSION) {
                throw refused();
            }
            Instant made = Instant.ofEpochSecond(in.readLong());
            if (made.plus(LIFETIME).isBefore(clock.instant())) {
                throw ApiException.invalid("cursor", "has expired (a cursor serves 24 hours); start again from the first page");
            }
            int n = in.readByte();
            List<String> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(in.readUTF());
            }
            return List.copyOf(keys);
        } catch (IOException e) {
            throw refused();
        }
    }

    private static ApiException refused() {
        return ApiException.invalid("cursor",
                "is not a cursor this list returned for these filters; give the same filters as the page that returned it");
    }

    private byte[] mac(String scope, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
