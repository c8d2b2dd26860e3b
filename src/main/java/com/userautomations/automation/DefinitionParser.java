package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads an automation from its JSON form (API.md, "Automations") and validates it. Every problem
 * is reported with its JSON path; the definition is returned only when there is none. Unknown
 * top-level fields are ignored.
 */
public final class DefinitionParser {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_CONDITION_DEPTH = 20;
    public static final int MAX_CONDITION_NODES = 500;

    /** Which filter lists each trigger type accepts. */
    private static final Map<TriggerType, Set<String>> TRIGGER_FILTERS = new EnumMap<>(TriggerType.class);

    static {
        for (TriggerType t : TriggerType.values()) {
            TRIGGER_FILTERS.put(t, Set.of());
        }
        for (TriggerType t : List.of(TriggerType.USER_ENROLLED, TriggerType.COURSE_COMPLETED,
                TriggerType.CERTIFICATE_AWARDED, TriggerType.COURSE_PREVIEWED)) {
            TRIGGER_FILTERS.put(t, Set.of("courseIds"));
        }
        TRIGGER_FILTERS.put(TriggerType.USER_UNENROLLED, Set.of("courseIds", "reasons"));
        TRIGGER_FILTERS.put(TriggerType.FORM_SUBMITTED, Set.of("formIds"));
        TRIGGER_FILTERS.put(TriggerType.COUPON_CLAIMED, Set.of("couponCodes"));
        TRIGGER_FILTERS.put(TriggerType.TAGS_ADDED, Set.of("tags"));
        TRIGGER_FILTERS.put(TriggerType.TAGS_REMOVED, Set.of("tags"));
    }

    private DefinitionParser() {
    }

    public static ParseResult parse(JsonNode json) {
        return new Run().definition(json);
    }

    /** One parse: collects errors and counts condition nodes. */
    private static final class Run {
        private final List<FieldError> errors = new ArrayList<>();
        private int conditionNodes;
        private boolean tooManyNodes;

        ParseResult definition(JsonNode json) {
            if (json == null || !json.isObject()) {
                errors.add(new FieldError("$", "must be a JSON object"));
                return new ParseResult(null, errors);
            }
            String name = name(json);
            AutomationStatus status = optionalEnum(json, "status", "status", AutomationStatus::fromWire,
                    AutomationStatus.allowed(), AutomationStatus.ACTIVE);
            List<Trigger> triggers = objects(json, "triggers", "triggers", "trigger", this::trigger);
            Condition conditions = null;
            JsonNode c = json.get("conditions");
            if (c != null && !c.isNull()) {
                conditions = condition(c, "conditions", 1);
            }
            List<Action> actions = objects(json, "actions", "actions", "action", this::action);
            Reentry reentry = optionalEnum(json, "reentry", "reentry", Reentry::fromWire, Reentry.allowed(),
                    Reentry.EVERY_TIME);
            if (!errors.isEmpty()) {
                return new ParseResult(null, errors);
            }
            return new ParseResult(new AutomationDefinition(name, status, triggers, conditions, actions, reentry),
                    List.of());
        }

        private String name(JsonNode json) {
            String name = string(json, "name", "name", true);
            if (name != null) {
                int length = name.codePointCount(0, name.length());
                if (name.isBlank() || length > MAX_NAME_LENGTH) {
                    error("name", "must be 1-" + MAX_NAME_LENGTH + " characters and not blank");
                }
            }
            return name;
        }

        // ---- triggers ----

        private Trigger trigger(JsonNode node, String path) {
            TriggerType type = requiredEnum(node, "type", path + ".type", TriggerType::fromWire,
                    TriggerType.allowed(), "trigger type");
            if (type == null) {
                return null;
            }
            Set<String> accepted = TRIGGER_FILTERS.get(type);
            List<String> courseIds = filter(node, "courseIds", path, type, accepted, TextRules::id);
            List<String> reasons = filter(node, "reasons", path, type, accepted, s ->
                    UnenrollReason.fromWire(s).isPresent() ? null
                            : "unknown reason '" + s + "'; allowed: " + UnenrollReason.allowed());
            List<String> formIds = filter(node, "formIds", path, type, accepted, TextRules::id);
            List<String> couponCodes = filter(node, "couponCodes", path, type, accepted, s -> TextRules.text(s, 128));
            List<String> tags = filter(node, "tags", path, type, accepted, TextRules::tag);
            return new Trigger(type, courseIds, reasons, formIds, couponCodes, tags);
        }

        /** An optional filter list: empty means any; refused on a type it does not apply to. */
        private List<String> filter(JsonNode node, String field, String path, TriggerType type, Set<String> accepted,
                Function<String, String> check) {
            List<String> values = strings(node, field, path + "." + field, false, check);
            if (!values.isEmpty() && !accepted.contains(field)) {
                error(path + "." + field, "is not a filter of trigger type " + type.wireName()
                        + (accepted.isEmpty() ? " (it has none)" : "; it accepts " + String.join(", ", accepted)));
                return List.of();
            }
            return values;
        }

        // ---- conditions ----

        private Condition condition(JsonNode node, String path, int depth) {
            if (tooManyNodes) {
                return null;
            }
            if (++conditionNodes > MAX_CONDITION_NODES) {
                tooManyNodes = true;
                error("conditions", "has more than " + MAX_CONDITION_NODES + " nodes");
                return null;
            }
            if (depth > MAX_CONDITION_DEPTH) {
                error(path, "nests deeper than " + MAX_CONDITION_DEPTH + " levels");
                return null;
            }
            if (!node.isObject()) {
                error(path, "must be an object");
                return null;
            }
            List<String> kinds = new ArrayList<>();
            for (String k : List.of("all", "any", "not", "type")) {
                if (node.has(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                error(path, "must have exactly one of all, any, not, type");
                return null;
            }
            switch (kinds.get(0)) {
                case "all":
                    List<Condition> all = children(node.get("all"), path + ".all", depth);
                    return all == null ? null : new Condition.All(all);
                case "any":
                    List<Condition> any = children(node.get("any"), path + ".any", depth);
                    return any == null ? null : new Condition.Any(any);
                case "not":
                    Condition inner = condition(node.get("not"), path + ".not", depth + 1);
                    return inner == null ? null : new Condition.Not(inner);
                default:
                    return leaf(node, path);
            }
        }

        private List<Condition> children(JsonNode array, String path, int depth) {
            if (!array.isArray() || array.isEmpty()) {
                error(path, "must be a non-empty array of conditions");
                return null;
            }
            List<Condition> children = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < array.size() && !tooManyNodes; i++) {
                Condition child = condition(array.get(i), path + "[" + i + "]", depth + 1);
                ok &= child != null;
                children.add(child);
            }
            return ok && !tooManyNodes ? children : null;
        }

        private Condition leaf(JsonNode node, String path) {
            ConditionType type = requiredEnum(node, "type", path + ".type", ConditionType::fromWire,
                    ConditionType.allowed(), "condition type");
            if (type == null) {
                return null;
            }
            switch (type) {
                case REGISTERED_BEFORE:
                case REGISTERED_AFTER:
                    Instant date = instant(node, "date", path + ".date", true);
                    if (date == null) {
                        return null;
                    }
                    return type == ConditionType.REGISTERED_BEFORE
                            ? new Condition.RegisteredBefore(date) : new Condition.RegisteredAfter(date);
                case HAS_TAGS:
                    return nonEmpty(strings(node, "tags", path + ".tags", true, TextRules::tag), Condition.HasTags::new);
                case HAS_ANY_TAG:
                    return nonEmpty(strings(node, "tags", path + ".tags", true, TextRules::tag), Condition.HasAnyTag::new);
                case EMAIL_DOMAIN:
                    return nonEmpty(strings(node, "domains", path + ".domains", true, s -> TextRules.text(s, 253)),
                            Condition.EmailDomain::new);
                case ROLE:
                    List<String> roles = strings(node, "roles", path + ".roles", true, s ->
                            Role.fromWire(s).isPresent() ? null : "unknown role '" + s + "'; allowed: " + Role.allowed());
                    return nonEmpty(roles, r -> new Condition.RoleIn(
                            r.stream().map(s -> Role.fromWire(s).orElseThrow()).toList()));
                case SOURCE:
                    return nonEmpty(strings(node, "sources", path + ".sources", true, s -> TextRules.text(s, 200)),
                            Condition.SourceIn::new);
                case ENROLLED_IN:
                    return nonEmpty(strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            Condition.EnrolledIn::new);
                case COMPLETED_COURSE:
                    return nonEmpty(strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            Condition.CompletedCourse::new);
                case IN_SPACE:
                    return nonEmpty(strings(node, "spaceIds", path + ".spaceIds", true, TextRules::id),
                            Condition.InSpace::new);
                case FIELD:
                    return field(node, path);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        private Condition field(JsonNode node, String path) {
            String fieldPath = string(node, "path", path + ".path", true);
            if (fieldPath != null && !Condition.Field.isValidPath(fieldPath)) {
                error(path + ".path", "must be user.fields.<name> or event.fields.<name>");
                fieldPath = null;
            }
            FieldOp op = requiredEnum(node, "op", path + ".op", FieldOp::fromWire, FieldOp.allowed(), "operator");
            String value = null;
            if (op != null && op != FieldOp.EXISTS) {
                JsonNode v = node.get("value");
                if (v == null || v.isNull()) {
                    error(path + ".value", "is required for op " + op.wireName());
                } else if (v.isTextual()) {
                    value = v.textValue();
                } else if (v.isNumber()) {
                    value = v.numberValue().toString();
                } else if (v.isBoolean()) {
                    value = String.valueOf(v.booleanValue());
                } else {
                    error(path + ".value", "must be a string, number or boolean");
                }
            }
            if (fieldPath == null || op == null || op != FieldOp.EXISTS && value == null) {
                return null;
            }
            return new Condition.Field(fieldPath, op, value);
        }

        // ---- actions ----

        private Action action(JsonNode node, String path) {
            ActionType type = requiredEnum(node, "type", path + ".type", ActionType::fromWire, ActionType.allowed(),
                    "action type");
            if (type == null) {
                return null;
            }
            switch (type) {
                case ENROLL:
                case UNENROLL:
                case COMPLETE_COURSES:
                    return nonEmpty(strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            ids -> Action.courses(type, ids));
                case ADD_TAGS:
                case REMOVE_TAGS:
                    return nonEmpty(strings(node, "tags", path + ".tags", true, TextRules::tag),
                            tags -> Action.tags(type, tags));
                case ADD_TO_SPACE:
                case REMOVE_FROM_SPACE:
                    return nonEmpty(strings(node, "spaceIds", path + ".spaceIds", true, TextRules::id),
                            ids -> Action.spaces(type, ids));
                case ADD_EMAIL_DOMAIN_TAG:
                    String prefix = string(node, "prefix", path + ".prefix", false);
                    if (prefix != null && !prefix.isEmpty() && TextRules.text(prefix, 99) != null) {
                        // the tag is prefix + domain and must still be a valid tag
                        error(path + ".prefix", "must be at most 99 characters without control characters");
                        return null;
                    }
                    return Action.emailDomainTag(prefix);
                case SEND_EMAIL:
                    return sendEmail(node, path);
                case WAIT:
                    return waitStep(node, path);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        private Action sendEmail(JsonNode node, String path) {
            int before = errors.size();
            EmailRecipient to = requiredEnum(node, "to", path + ".to", EmailRecipient::fromWire,
                    EmailRecipient.allowed(), "recipient");
            String address = string(node, "address", path + ".address", to == EmailRecipient.ADDRESS);
            if (address != null) {
                if (to != null && to != EmailRecipient.ADDRESS) {
                    error(path + ".address", "is only allowed when to is address");
                } else if (TextRules.hasLineBreak(address)) {
                    error(path + ".address", "must not contain CR or LF");
                } else if (!looksLikeAddress(address)) {
                    error(path + ".address", "must be an email address");
                }
            }
            String subject = template(node, "subject", path);
            if (subject != null && TextRules.hasLineBreak(subject)) {
                error(path + ".subject", "must not contain CR or LF");
            }
            String body = template(node, "body", path);
            if (errors.size() > before) {
                return null;
            }
            return Action.sendEmail(to, address, subject, body);
        }

        private static boolean looksLikeAddress(String s) {
            int at = s.lastIndexOf('@');
            return s.length() <= 254 && at > 0 && at < s.length() - 1 && !TextRules.hasControl(s)
                    && s.chars().noneMatch(Character::isWhitespace);
        }

        /** A required, non-empty subject or body whose {...} are all merge fields. */
        private String template(JsonNode node, String field, String path) {
            String text = string(node, field, path + "." + field, true);
            if (text == null) {
                return null;
            }
            if (text.isEmpty()) {
                error(path + "." + field, "must not be empty");
                return null;
            }
            List<String> unknown = MergeFields.unknownFields(text);
            if (!unknown.isEmpty()) {
                error(path + "." + field, "unknown merge field {" + unknown.get(0) + "}; allowed: "
                        + MergeFields.allowed());
                return null;
            }
            return text;
        }

        private Action waitStep(JsonNode node, String path) {
            boolean hasDuration = present(node, "duration");
            boolean hasUntil = present(node, "until");
            if (hasDuration == hasUntil) {
                error(path, "wait needs exactly one of duration or until");
                return null;
            }
            if (hasUntil) {
                Instant until = instant(node, "until", path + ".until", true);
                return until == null ? null : Action.waitUntil(until);
            }
            String text = string(node, "duration", path + ".duration", true);
            if (text == null) {
                return null;
            }
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    error(path + ".duration", "must be positive");
                    return null;
                }
                return Action.waitFor(duration);
            } catch (DateTimeParseException e) {
                error(path + ".duration", "must be an ISO-8601 duration such as PT1H or P2D");
                return null;
            }
        }

        // ---- generic readers ----

        private <T> List<T> objects(JsonNode json, String field, String path, String what,
                BiFunction<JsonNode, String, T> reader) {
            JsonNode array = json.get(field);
            if (array == null || array.isNull()) {
                error(path, "is required");
                return List.of();
            }
            if (!array.isArray()) {
                error(path, "must be an array");
                return List.of();
            }
            if (array.isEmpty()) {
                error(path, "must have at least one " + what);
                return List.of();
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode item = array.get(i);
                if (!item.isObject()) {
                    error(itemPath, "must be an object");
                    continue;
                }
                T value = reader.apply(item, itemPath);
                if (value != null) {
                    items.add(value);
                }
            }
            return items;
        }

        private static boolean present(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        private String string(JsonNode node, String field, String path, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(path, "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            return v.textValue();
        }

        private Instant instant(JsonNode node, String field, String path, boolean required) {
            String text = string(node, field, path, required);
            if (text == null) {
                return null;
            }
            Instant instant = TextRules.instant(text);
            if (instant == null) {
                error(path, "must be an ISO-8601 timestamp with an offset, e.g. 2026-11-28T09:30:00Z");
            }
            return instant;
        }

        /**
         * A list of strings, each checked; {@code required} means present and non-empty. Returns the
         * valid values (errors are recorded, so a partial list is never used).
         */
        private List<String> strings(JsonNode node, String field, String path, boolean required,
                Function<String, String> check) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(path, "is required");
                }
                return List.of();
            }
            if (!v.isArray()) {
                error(path, "must be an array of strings");
                return List.of();
            }
            if (required && v.isEmpty()) {
                error(path, "must not be empty");
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()) {
                    error(path + "[" + i + "]", "must be a string");
                    continue;
                }
                String problem = check.apply(item.textValue());
                if (problem != null) {
                    error(path + "[" + i + "]", problem);
                    continue;
                }
                values.add(item.textValue());
            }
            return values;
        }

        private static <T> T nonEmpty(List<String> values, Function<List<String>, T> make) {
            return values.isEmpty() ? null : make.apply(values);
        }

        private <E> E requiredEnum(JsonNode node, String field, String path, Function<String, Optional<E>> lookup,
                String allowed, String what) {
            String text = string(node, field, path, true);
            if (text == null) {
                return null;
            }
            Optional<E> value = lookup.apply(text);
            if (value.isEmpty()) {
                error(path, "unknown " + what + " '" + text + "'; allowed: " + allowed);
            }
            return value.orElse(null);
        }

        private <E> E optionalEnum(JsonNode node, String field, String path, Function<String, Optional<E>> lookup,
                String allowed, E fallback) {
            if (!present(node, field)) {
                return fallback;
            }
            E value = requiredEnum(node, field, path, lookup, allowed, field);
            return value == null ? fallback : value;
        }

        private void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }
    }
}
