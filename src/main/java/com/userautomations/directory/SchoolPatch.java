package com.userautomations.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.BodyReader;
import com.userautomations.common.JsonBodies;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON merge patch of a school (RFC 7396): a key left out keeps its value, {@code null}
 * removes it (switches a window or cap off; {@code timezone} back to UTC, {@code fromEmail} to
 * none, {@code adminEmails} to none), an object merges into the stored one. The merged school
 * is checked whole, each problem at its field; nothing is applied when one is found.
 */
final class SchoolPatch {
    private SchoolPatch() {
    }

    /** Applies the patch to the school (not yet flushed), or throws 422 and leaves it unchanged. */
    static void apply(School school, JsonNode patch) {
        ObjectNode merged = ((ObjectNode) patch).deepCopy();
        mergeStored(merged, "sendWindow", school.sendWindow);
        mergeStored(merged, "frequencyCap", school.frequencyCap);
        BodyReader in = new BodyReader(merged);
        if (in.has("id") || patch.has("id")) {
            in.error("id", "cannot be changed");
        }
        String name = school.name;
        if (nulled(in, merged, "name")) {
            in.error("name", "is required: it cannot be removed");
        } else if (merged.has("name")) {
            name = in.line("name", true, 500);
        }
        String timezone = school.timezone;
        if (nulled(in, merged, "timezone")) {
            timezone = "UTC";
        } else if (merged.has("timezone")) {
            timezone = TimeZones.read(in);
        }
        String admins = nulled(in, merged, "adminEmails") ? JsonBodies.write(List.of())
                : merged.has("adminEmails") ? JsonBodies.write(in.emails("adminEmails")) : school.adminEmails;
        String from = nulled(in, merged, "fromEmail") ? null
                : merged.has("fromEmail") ? in.email("fromEmail", true) : school.fromEmail;
        String window = nulled(in, merged, "sendWindow") ? null
                : object(in, merged, "sendWindow") ? json(sendWindow(in.child("sendWindow"))) : school.sendWindow;
        String cap = nulled(in, merged, "frequencyCap") ? null
                : object(in, merged, "frequencyCap") ? json(frequencyCap(in.child("frequencyCap"))) : school.frequencyCap;
        in.throwIfInvalid();
        school.name = name;
        school.timezone = timezone;
        school.adminEmails = admins;
        school.fromEmail = from;
        school.sendWindow = window;
        school.frequencyCap = cap;
    }

    /** RFC 7396 for an object under {@code key}: the patch's keys over the stored ones, null removing. */
    private static void mergeStored(ObjectNode patch, String key, String storedJson) {
        JsonNode change = patch.get(key);
        if (storedJson == null || change == null || !change.isObject()) {
            return;
        }
        ObjectNode result = (ObjectNode) JsonBodies.read(storedJson);
        Iterator<Map.Entry<String, JsonNode>> fields = change.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isNull()) {
                result.remove(f.getKey());
            } else {
                result.set(f.getKey(), f.getValue());
            }
        }
        patch.set(key, result);
    }

    /** Whether the key is sent as null; asking counts as knowing it. */
    private static boolean nulled(BodyReader in, JsonNode body, String key) {
        in.has(key);
        return body.has(key) && body.get(key).isNull();
    }

    /** Whether the key holds an object; another value is an error at it. */
    private static boolean object(BodyReader in, JsonNode body, String key) {
        if (body.has(key) && !body.get(key).isObject()) {
            in.error(key, "must be an object or null");
        }
        return body.has(key) && body.get(key).isObject();
    }

    private static SendWindow sendWindow(BodyReader w) {
        String start = w.string("start", true, 5);
        String end = w.string("end", true, 5);
        int from = time(w, "start", start);
        int to = time(w, "end", end);
        if (from >= 0 && to >= 0 && from >= to) {
            w.error("end", "must be after start (a window never crosses midnight)");
        }
        List<String> days = w.strings("days", SendWindow.WEEK.size(),
                d -> SendWindow.dayOf(d) == null ? "must be one of " + String.join(", ", SendWindow.WEEK) : null);
        if (days != null && days.isEmpty()) {
            w.error("days", "must hold 1 to 7 days; leave it out for every day");
        } else if (days != null && new HashSet<>(days).size() != days.size()) {
            w.error("days", "must not repeat a day");
        }
        return new SendWindow(start, end, days).normalized();
    }

    private static int time(BodyReader w, String field, String text) {
        if (text == null) {
            return -1;
        }
        int minute = SendWindow.minuteOf(text);
        if (minute < 0) {
            w.error(field, SendWindow.TIME_RULE);
        }
        return minute;
    }

    private static FrequencyCap frequencyCap(BodyReader c) {
        JsonNode max = c.value("max");
        int count = 0;
        if (max == null) {
            c.error("max", "is required");
        } else if (!max.isIntegralNumber() || !max.canConvertToInt() || max.intValue() < 1
                || max.intValue() > FrequencyCap.MAX) {
            c.error("max", "must be a whole number from 1 to " + FrequencyCap.MAX);
        } else {
            count = max.intValue();
        }
        String per = c.string("per", true, 40);
        if (per != null && !inRange(per)) {
            c.error("per", "must be an ISO-8601 duration from PT1H to P30D, such as P1D");
        }
        return new FrequencyCap(count, per);
    }

    private static boolean inRange(String per) {
        try {
            Duration d = Duration.parse(per);
            return d.compareTo(FrequencyCap.SHORTEST) >= 0 && d.compareTo(FrequencyCap.LONGEST) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String json(Object value) {
        return JsonBodies.write(value);
    }

}
