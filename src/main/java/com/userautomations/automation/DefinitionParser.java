package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    /** Longer waits are mistakes, and now + duration must stay a storable timestamp. */
    public static final Duration MAX_WAIT = Duration.ofDays(3650);
    /** DMN model and decision names (DMN allows spaces and most characters in names). */
    public static final int MAX_DMN_NAME = 200;
    public static final int MAX_DECISION_TEXT = 1000;

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
        private final JsonFields in = new JsonFields();
        private int conditionNodes;
        private boolean tooManyNodes;

        ParseResult definition(JsonNode json) {
            if (json == null || !json.isObject()) {
                in.error("$", "must be a JSON object");
                return new ParseResult(null, in.errors);
            }
            String name = name(json);
            AutomationStatus status = in.optionalEnum(json, "status", "status", AutomationStatus::fromWire,
                    AutomationStatus.allowed(), AutomationStatus.ACTIVE);
            List<Trigger> triggers = in.objects(json, "triggers", "triggers", "trigger", this::trigger);
            Condition conditions = null;
            JsonNode c = json.get("conditions");
            if (c != null && !c.isNull()) {
                conditions = condition(c, "conditions", 1);
            }
            List<Action> actions = in.objects(json, "actions", "actions", "action", this::action);
            Reentry reentry = in.optionalEnum(json, "reentry", "reentry", Reentry::fromWire, Reentry.allowed(),
                    Reentry.EVERY_TIME);
            if (!in.errors.isEmpty()) {
                return new ParseResult(null, in.errors);
            }
            return new ParseResult(new AutomationDefinition(name, status, triggers, conditions, actions, reentry),
                    List.of());
        }

        private String name(JsonNode json) {
            String name = in.string(json, "name", "name", true);
            if (name != null) {
                int length = name.codePointCount(0, name.length());
                if (name.isBlank() || length > MAX_NAME_LENGTH) {
                    in.error("name", "must be 1-" + MAX_NAME_LENGTH + " characters and not blank");
                }
            }
            return name;
        }

        // ---- triggers ----

        private Trigger trigger(JsonNode node, String path) {
            TriggerType type = in.requiredEnum(node, "type", path + ".type", TriggerType::fromWire,
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
            List<String> values = in.strings(node, field, path + "." + field, false, check);
            if (!values.isEmpty() && !accepted.contains(field)) {
                in.error(path + "." + field, "is not a filter of trigger type " + type.wireName()
                        + (accepted.isEmpty() ? " (it has none)" : "; it accepts " + String.join(", ", new TreeSet<>(accepted))));
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
                in.error("conditions", "has more than " + MAX_CONDITION_NODES + " nodes");
                return null;
            }
            if (depth > MAX_CONDITION_DEPTH) {
                in.error(path, "nests deeper than " + MAX_CONDITION_DEPTH + " levels");
                return null;
            }
            if (!node.isObject()) {
                in.error(path, "must be an object");
                return null;
            }
            List<String> kinds = new ArrayList<>();
            for (String k : List.of("all", "any", "not", "type")) {
                if (node.has(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                in.error(path, "must have exactly one of all, any, not, type");
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
                in.error(path, "must be a non-empty array of conditions");
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
            ConditionType type = in.requiredEnum(node, "type", path + ".type", ConditionType::fromWire,
                    ConditionType.allowed(), "condition type");
            if (type == null) {
                return null;
            }
            switch (type) {
                case REGISTERED_BEFORE:
                case REGISTERED_AFTER:
                    Instant date = in.instant(node, "date", path + ".date", true);
                    if (date == null) {
                        return null;
                    }
                    return type == ConditionType.REGISTERED_BEFORE
                            ? new Condition.RegisteredBefore(date) : new Condition.RegisteredAfter(date);
                case HAS_TAGS:
                    return nonEmpty(in.strings(node, "tags", path + ".tags", true, TextRules::tag), Condition.HasTags::new);
                case HAS_ANY_TAG:
                    return nonEmpty(in.strings(node, "tags", path + ".tags", true, TextRules::tag), Condition.HasAnyTag::new);
                case EMAIL_DOMAIN:
                    return nonEmpty(in.strings(node, "domains", path + ".domains", true, s -> TextRules.text(s, 253)),
                            Condition.EmailDomain::new);
                case ROLE:
                    List<String> roles = in.strings(node, "roles", path + ".roles", true, s ->
                            Role.fromWire(s).isPresent() ? null : "unknown role '" + s + "'; allowed: " + Role.allowed());
                    return nonEmpty(roles, r -> new Condition.RoleIn(
                            r.stream().map(s -> Role.fromWire(s).orElseThrow()).toList()));
                case SOURCE:
                    return nonEmpty(in.strings(node, "sources", path + ".sources", true, s -> TextRules.text(s, 200)),
                            Condition.SourceIn::new);
                case ENROLLED_IN:
                    return nonEmpty(in.strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            Condition.EnrolledIn::new);
                case COMPLETED_COURSE:
                    return nonEmpty(in.strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            Condition.CompletedCourse::new);
                case IN_SPACE:
                    return nonEmpty(in.strings(node, "spaceIds", path + ".spaceIds", true, TextRules::id),
                            Condition.InSpace::new);
                case FIELD:
                    return field(node, path);
                case DECISION:
                    return decision(node, path);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        private Condition field(JsonNode node, String path) {
            String fieldPath = in.string(node, "path", path + ".path", true);
            if (fieldPath != null && !Condition.Field.isValidPath(fieldPath)) {
                in.error(path + ".path", "must be user.fields.<name> or event.fields.<name>");
                fieldPath = null;
            }
            FieldOp op = in.requiredEnum(node, "op", path + ".op", FieldOp::fromWire, FieldOp.allowed(), "operator");
            String value = null;
            if (op != null && op != FieldOp.EXISTS) {
                JsonNode v = node.get("value");
                if (v == null || v.isNull()) {
                    in.error(path + ".value", "is required for op " + op.wireName());
                } else if (v.isTextual()) {
                    value = v.textValue();
                } else if (v.isNumber()) {
                    value = v.numberValue().toString();
                } else if (v.isBoolean()) {
                    value = String.valueOf(v.booleanValue());
                } else {
                    in.error(path + ".value", "must be a string, number or boolean");
                }
            }
            if (fieldPath == null || op == null || op != FieldOp.EXISTS && value == null) {
                return null;
            }
            return new Condition.Field(fieldPath, op, value);
        }

        /** A DMN decision equals a JSON scalar; whether the model and decision exist is checked at save. */
        private Condition decision(JsonNode node, String path) {
            int before = in.errors.size();
            String model = in.string(node, "model", path + ".model", true);
            String decision = in.string(node, "decision", path + ".decision", true);
            checkDmnName(model, path + ".model");
            checkDmnName(decision, path + ".decision");
            DecisionValue value = null;
            JsonNode v = node.get("equals");
            if (v == null || v.isNull()) {
                in.error(path + ".equals", "is required: the value the decision must give (a string, number or boolean)");
            } else if (v.isTextual()) {
                if (v.textValue().codePointCount(0, v.textValue().length()) > MAX_DECISION_TEXT) {
                    in.error(path + ".equals", "must be at most " + MAX_DECISION_TEXT + " characters");
                } else {
                    value = DecisionValue.string(v.textValue());
                }
            } else if (v.isNumber() && (v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
                in.error(path + ".equals", "must be a number of at most 40 digits");
            } else if (v.isNumber()) {
                BigDecimal n = v.decimalValue();
                // a number like 1e999999999 would expand to a billion digits when written out
                if (n.precision() > 40 || Math.abs(n.scale()) > 40) {
                    in.error(path + ".equals", "must be a number of at most 40 digits");
                } else {
                    value = new DecisionValue(DecisionValue.Kind.NUMBER, n.toPlainString());
                }
            } else if (v.isBoolean()) {
                value = new DecisionValue(DecisionValue.Kind.BOOLEAN, String.valueOf(v.booleanValue()));
            } else {
                in.error(path + ".equals", "must be a string, number or boolean");
            }
            if (in.errors.size() > before) {
                return null;
            }
            return new Condition.Decision(model, decision, value);
        }

        private void checkDmnName(String name, String path) {
            if (name != null) {
                String problem = TextRules.text(name, MAX_DMN_NAME);
                if (problem != null) {
                    in.error(path, problem);
                }
            }
        }

        // ---- actions ----

        private Action action(JsonNode node, String path) {
            ActionType type = in.requiredEnum(node, "type", path + ".type", ActionType::fromWire, ActionType.allowed(),
                    "action type");
            if (type == null) {
                return null;
            }
            switch (type) {
                case ENROLL:
                case UNENROLL:
                case COMPLETE_COURSES:
                    return nonEmpty(in.strings(node, "courseIds", path + ".courseIds", true, TextRules::id),
                            ids -> Action.courses(type, ids));
                case ADD_TAGS:
                case REMOVE_TAGS:
                    return nonEmpty(in.strings(node, "tags", path + ".tags", true, TextRules::tag),
                            tags -> Action.tags(type, tags));
                case ADD_TO_SPACE:
                case REMOVE_FROM_SPACE:
                    return nonEmpty(in.strings(node, "spaceIds", path + ".spaceIds", true, TextRules::id),
                            ids -> Action.spaces(type, ids));
                case ADD_EMAIL_DOMAIN_TAG:
                    String prefix = in.string(node, "prefix", path + ".prefix", false);
                    if (prefix != null && !prefix.isEmpty() && TextRules.text(prefix, 99) != null) {
                        // the tag is prefix + domain and must still be a valid tag
                        in.error(path + ".prefix", "must be at most 99 characters without control characters");
                        return null;
                    }
                    return Action.emailDomainTag(prefix);
                case SEND_EMAIL:
                    return sendEmail(node, path);
                case ADD_TAG_FROM_DECISION:
                    return tagFromDecision(node, path);
                case WAIT:
                    return waitStep(node, path);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        private Action tagFromDecision(JsonNode node, String path) {
            int before = in.errors.size();
            String model = in.string(node, "model", path + ".model", true);
            String decision = in.string(node, "decision", path + ".decision", true);
            checkDmnName(model, path + ".model");
            checkDmnName(decision, path + ".decision");
            String prefix = in.string(node, "prefix", path + ".prefix", false);
            if (prefix != null && !prefix.isEmpty() && TextRules.text(prefix, 99) != null) {
                in.error(path + ".prefix", "must be at most 99 characters without control characters");
            }
            return in.errors.size() > before ? null : Action.tagFromDecision(model, decision, prefix);
        }

        private Action sendEmail(JsonNode node, String path) {
            int before = in.errors.size();
            EmailRecipient to = in.requiredEnum(node, "to", path + ".to", EmailRecipient::fromWire,
                    EmailRecipient.allowed(), "recipient");
            String address = in.string(node, "address", path + ".address", to == EmailRecipient.ADDRESS);
            if (address != null) {
                if (to != null && to != EmailRecipient.ADDRESS) {
                    in.error(path + ".address", "is only allowed when to is address");
                } else if (TextRules.hasLineBreak(address)) {
                    in.error(path + ".address", "must not contain CR or LF");
                } else if (!TextRules.looksLikeAddress(address)) {
                    in.error(path + ".address", "must be an email address");
                }
            }
            String subject = template(node, "subject", path);
            if (subject != null && TextRules.hasLineBreak(subject)) {
                in.error(path + ".subject", "must not contain CR or LF");
            }
            String body = template(node, "body", path);
            if (in.errors.size() > before) {
                return null;
            }
            return Action.sendEmail(to, address, subject, body);
        }

        /** A required, non-empty subject or body whose {...} are all merge fields. */
        private String template(JsonNode node, String field, String path) {
            String text = in.string(node, field, path + "." + field, true);
            if (text == null) {
                return null;
            }
            if (text.isEmpty()) {
                in.error(path + "." + field, "must not be empty");
                return null;
            }
            List<String> unknown = MergeFields.unknownFields(text);
            if (!unknown.isEmpty()) {
                in.error(path + "." + field, "unknown merge field {" + unknown.get(0) + "}; allowed: "
                        + MergeFields.allowed());
                return null;
            }
            return text;
        }

        private Action waitStep(JsonNode node, String path) {
            boolean hasDuration = JsonFields.present(node, "duration");
            boolean hasUntil = JsonFields.present(node, "until");
            if (hasDuration == hasUntil) {
                in.error(path, "wait needs exactly one of duration or until");
                return null;
            }
            if (hasUntil) {
                Instant until = in.instant(node, "until", path + ".until", true);
                return until == null ? null : Action.waitUntil(until);
            }
            String text = in.string(node, "duration", path + ".duration", true);
            if (text == null) {
                return null;
            }
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    in.error(path + ".duration", "must be positive");
                    return null;
                }
                if (duration.compareTo(MAX_WAIT) > 0) {
                    in.error(path + ".duration", "must be at most ten years (P3650D)");
                    return null;
                }
                return Action.waitFor(duration);
            } catch (DateTimeParseException e) {
                in.error(path + ".duration", "must be an ISO-8601 duration such as PT1H or P2D");
                return null;
            }
        }

        private static <T> T nonEmpty(List<String> values, Function<List<String>, T> make) {
            return values.isEmpty() ? null : make.apply(values);
        }
    }
}
