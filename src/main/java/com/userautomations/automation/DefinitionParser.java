package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Numbers;
import com.userautomations.common.TextRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads an automation from its JSON form (API.md, "Automations") and validates it. Every problem
 * is reported with its JSON path; the definition is returned only when there is none. A key
 * this parser does not ask for, at any depth, is refused ({@link BodyReader}).
 */
public final class DefinitionParser {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_CONDITION_DEPTH = 20;
    public static final int MAX_CONDITION_NODES = 500;
    /** A flow's steps of any kind, in all its lists, and how deep its lists nest (the top list is depth 1). */
    public static final int MAX_STEPS = 200;
    public static final int MAX_STEP_DEPTH = 10;
    /** Longer waits are mistakes, and now + duration must stay a storable timestamp. */
    public static final Duration MAX_WAIT = Duration.ofDays(3650);
    /** A wait_for's timeout bounds (API.md 1.1). */
    public static final Duration MIN_WAIT_FOR = Duration.ofSeconds(1);
    public static final Duration MAX_WAIT_FOR = Duration.ofDays(365);
    /** DMN model and decision names (DMN allows spaces and most characters in names). */
    public static final int MAX_DMN_NAME = 200;
    public static final int MAX_DECISION_TEXT = 1000;
    /** A subject or body as written (merge fields make it longer; the rendered bound is checked when sent). */
    public static final int MAX_TEMPLATE = 256 * 1024;
    /** A push's title and text: what a notification shows; the rendered payload is bounded at 3,993 bytes. */
    public static final int MAX_PUSH_TITLE = 200;
    public static final int MAX_PUSH_TEXT = 2000;
    public static final int MAX_PUSH_URL = 2048;
    /** Keys of the stored form (answers carry them) that a body may repeat; the service checks their values. */
    public static final List<String> READ_ONLY = List.of("id", "version", "createdAt", "updatedAt");

    /** user.inactive's threshold, in days of 24 h (API.md 1.1). */
    public static final int MAX_INACTIVE_DAYS = 365;

    /** Which filter lists each trigger type accepts. */
    private static final Map<TriggerType, Set<String>> TRIGGER_FILTERS = new EnumMap<>(TriggerType.class);

    static {
        for (TriggerType t : TriggerType.values()) {
            TRIGGER_FILTERS.put(t, Set.of());
        }
        for (TriggerType t : List.of(TriggerType.USER_ENROLLED, TriggerType.COURSE_COMPLETED,
                TriggerType.CERTIFICATE_AWARDED, TriggerType.COURSE_PREVIEWED, TriggerType.USER_VISITED,
                TriggerType.USER_INACTIVE)) {
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

    /** One parse: counts condition nodes (per tree) and steps. */
    private static final class Run {
        private int conditionNodes;
        private boolean tooManyNodes;
        /** A user.inactive trigger: its runs have no event, so nothing may read event.* (API.md 1.1). */
        private boolean withoutEvent;
        private BodyReader treeRoot;
        private int stepCount;
        private boolean tooManySteps;
        /** Each action step's reader, for errors at its fields. */
        private final Map<Step, BodyReader> stepReaders = new IdentityHashMap<>();
        private BodyReader root;

        ParseResult definition(JsonNode json) {
            root = new BodyReader(json);
            if (json == null || !json.isObject()) {
                root.error("$", "must be a JSON object");
                return new ParseResult(null, root.errors());
            }
            // read-only keys of the stored form: the service checks them against what it holds
            for (String readOnly : READ_ONLY) {
                root.has(readOnly);
            }
            String name = name(root);
            AutomationStatus status = root.choice("status", false, AutomationStatus::fromWire,
                    AutomationStatus.allowed(), "status", AutomationStatus.ACTIVE);
            List<Trigger> triggers = new ArrayList<>();
            for (BodyReader t : root.items("triggers", true, "trigger")) {
                add(triggers, trigger(t));
            }
            withoutEvent = triggers.stream().anyMatch(t -> t.type() == TriggerType.USER_INACTIVE);
            Condition conditions = tree(root, "conditions");
            List<Step> steps = steps(root, "actions", true, 1);
            if (root.errors().isEmpty()) {
                checkCourseTitles(triggers, steps);
                if (withoutEvent) {
                    checkNoEventFields(steps);
                }
            }
            Condition exitWhen = tree(root, "exitWhen");
            Reentry reentry = root.choice("reentry", false, Reentry::fromWire, Reentry.allowed(), "reentry",
                    Reentry.EVERY_TIME);
            if (!root.finish().isEmpty()) {
                return new ParseResult(null, root.errors());
            }
            return new ParseResult(new AutomationDefinition(name, status, triggers, conditions, steps, exitWhen,
                    reentry), List.of());
        }

        /**
         * A {@code {course.title}} that some trigger leaves empty is refused at the field using it.
         * A step in a branch counts the actions a run surely met before it (see {@link StepTree#actionsBefore}).
         */
        private void checkCourseTitles(List<Trigger> triggers, List<Step> steps) {
            StepTree tree = StepTree.of(steps);
            for (StepTree.Node n : tree.nodes()) {
                if (!(n.step() instanceof Step.Act act)) {
                    continue;
                }
                Map<String, String> templates = MergeFields.templatesOf(act.action());
                if (templates.isEmpty()) {
                    continue;
                }
                List<Action> before = tree.actionsBefore(n);
                String problem = MergeFields.unfilledCourse(triggers, before, before.size());
                if (problem == null) {
                    continue;
                }
                for (Map.Entry<String, String> t : templates.entrySet()) {
                    if (MergeFields.uses(t.getValue(), "course.title")) {
                        stepReaders.get(n.step()).error(t.getKey(), problem);
                    }
                }
            }
        }

        /** Merge fields of an automation whose runs may have no event: {@code {event.fields.X}} is refused, in every step. */
        private void checkNoEventFields(List<Step> steps) {
            for (StepTree.Node n : StepTree.of(steps).nodes()) {
                if (n.step() instanceof Step.Act act) {
                    for (Map.Entry<String, String> t : MergeFields.templatesOf(act.action()).entrySet()) {
                        if (MergeFields.usesEventFields(t.getValue())) {
                            stepReaders.get(n.step()).error(t.getKey(), NO_EVENT);
                        }
                    }
                }
            }
        }

        private static final String NO_EVENT = "user.inactive runs have no event: {event.fields.X} and "
                + "event.fields conditions cannot be used by an automation with a user.inactive trigger";

        /** An optional condition tree under {@code field} (null when absent); each tree has its own node bound. */
        private Condition tree(BodyReader in, String field) {
            if (!in.has(field)) {
                return null;
            }
            treeRoot = in.child(field);
            conditionNodes = 0;
            tooManyNodes = false;
            return condition(treeRoot, 1);
        }

        // ---- steps ----

        /** A list of steps; null when it nests too deep (refused at the list). */
        private List<Step> steps(BodyReader in, String field, boolean required, int depth) {
            if (depth > MAX_STEP_DEPTH) {
                in.value(field);
                in.error(field, "nests deeper than " + MAX_STEP_DEPTH + " lists (the actions list is the first)");
                return null;
            }
            List<Step> steps = new ArrayList<>();
            for (BodyReader item : in.items(field, required, "action")) {
                if (tooManySteps || ++stepCount > MAX_STEPS) {
                    if (!tooManySteps) {
                        tooManySteps = true;
                        item.errorHere("is one step too many: a flow holds at most " + MAX_STEPS
                                + " steps of any kind, in all its lists");
                    }
                    item.opaque();
                    continue;
                }
                add(steps, step(item, depth));
            }
            return steps;
        }

        private Step step(BodyReader in, int depth) {
            JsonNode type = in.value("type");
            StepType kind = type != null && type.isTextual() ? StepType.fromWire(type.textValue()).orElse(null) : null;
            if (kind == null) {
                Action action = action(in);
                if (action == null) {
                    return null;
                }
                Step step = new Step.Act(action);
                stepReaders.put(step, in);
                return step;
            }
            switch (kind) {
                case EXIT:
                    return new Step.Exit();
                case IF:
                    if (!in.has("conditions")) {
                        in.error("conditions", "is required: the conditions that choose then or else");
                    }
                    Condition conditions = tree(in, "conditions");
                    List<Step> then = null;
                    if (in.has("then")) {
                        then = steps(in, "then", false, depth + 1);
                    } else {
                        in.error("then", "is required (it may be [])");
                    }
                    List<Step> otherwise = in.has("else") ? steps(in, "else", false, depth + 1) : List.of();
                    return conditions == null || then == null || otherwise == null ? null
                            : new Step.If(conditions, then, otherwise);
                case WAIT_FOR:
                    return waitForStep(in, depth);
                default:
                    throw new IllegalStateException(kind.name());
            }
        }

        /**
         * {@code wait_for}: the event (a trigger of any type but user.inactive, which is no event),
         * the timeout, and the optional branches taken on the event ({@code then}) or at the timeout.
         */
        private Step waitForStep(BodyReader in, int depth) {
            Trigger event = null;
            if (!in.has("event")) {
                in.error("event", "is required: the trigger (type and filters) of the event to wait for");
            } else {
                BodyReader e = in.child("event");
                JsonNode type = e.value("type");
                if (type != null && type.isTextual() && TriggerType.USER_INACTIVE.wireName().equals(type.textValue())) {
                    e.error("type", "cannot be user.inactive: it is not an event; use a wait_for's timeout instead");
                    e.opaque();
                } else if (e.present()) {
                    event = trigger(e);
                }
            }
            Duration timeout = null;
            if (!in.has("timeout")) {
                in.error("timeout", "is required: an ISO-8601 duration from PT1S to P365D");
            } else {
                timeout = waitForTimeout(in);
            }
            List<Step> then = in.has("then") ? steps(in, "then", false, depth + 1) : List.of();
            List<Step> otherwise = in.has("else") ? steps(in, "else", false, depth + 1) : List.of();
            return event == null || timeout == null || then == null || otherwise == null ? null
                    : new Step.WaitFor(event, timeout, then, otherwise);
        }

        private static Duration waitForTimeout(BodyReader in) {
            String text = in.string("timeout", true, 64);
            if (text == null) {
                return null;
            }
            String rule = "must be an ISO-8601 duration from PT1S to P365D, such as P3D or PT12H";
            try {
                Duration d = Duration.parse(text);
                if (d.compareTo(MIN_WAIT_FOR) < 0 || d.compareTo(MAX_WAIT_FOR) > 0) {
                    in.error("timeout", rule);
                    return null;
                }
                return d;
            } catch (DateTimeParseException e) {
                in.error("timeout", rule);
                return null;
            }
        }

        private static <T> void add(List<T> list, T item) {
            if (item != null) {
                list.add(item);
            }
        }

        private String name(BodyReader in) {
            String name = in.string("name", true, MAX_NAME_LENGTH);
            if (name != null && name.isBlank()) {
                in.error("name", "must be 1-" + MAX_NAME_LENGTH + " characters and not blank");
            }
            return name;
        }

        // ---- triggers ----

        private Trigger trigger(BodyReader in) {
            TriggerType type = in.choice("type", true, TriggerType::fromWire, TriggerType.allowed(),
                    "trigger type", null);
            if (type == null) {
                in.opaque();
                return null;
            }
            Set<String> accepted = TRIGGER_FILTERS.get(type);
            List<String> courseIds = filter(in, "courseIds", type, accepted, TextRules::id);
            List<String> reasons = filter(in, "reasons", type, accepted, s ->
                    UnenrollReason.fromWire(s).isPresent() ? null
                            : "unknown reason '" + s + "'; allowed: " + UnenrollReason.allowed());
            List<String> formIds = filter(in, "formIds", type, accepted, TextRules::id);
            List<String> couponCodes = filter(in, "couponCodes", type, accepted, s -> TextRules.text(s, 128));
            List<String> tags = filter(in, "tags", type, accepted, TextRules::tag);
            Integer days = type == TriggerType.USER_INACTIVE ? days(in) : null;
            if (type == TriggerType.USER_INACTIVE && days == null) {
                return null; // its error is reported at days
            }
            return new Trigger(type, courseIds, reasons, formIds, couponCodes, tags, days);
        }

        /** user.inactive's days: a whole number 1-365; other types have no days (an unknown key). */
        private static Integer days(BodyReader in) {
            JsonNode v = in.value("days");
            String rule = "must be a whole number of days, 1-" + MAX_INACTIVE_DAYS;
            if (v == null) {
                in.error("days", "is required for user.inactive: " + rule);
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > MAX_INACTIVE_DAYS) {
                in.error("days", rule);
                return null;
            }
            return v.intValue();
        }

        /**
         * An optional filter list: empty means any. A filter of another trigger type is refused
         * as an unknown key would be, with the keys this type takes.
         */
        private List<String> filter(BodyReader in, String field, TriggerType type, Set<String> accepted,
                Function<String, String> check) {
            if (!accepted.contains(field)) {
                if (in.has(field)) {
                    in.error(field, "is not a filter of trigger type " + type.wireName()
                            + (accepted.isEmpty() ? " (it has none)" : "; it accepts " + String.join(", ", new TreeSet<>(accepted))));
                }
                return List.of();
            }
            List<String> values = in.strings(field, BodyReader.MAX_ITEMS, check);
            return values == null ? List.of() : values;
        }

        // ---- conditions ----

        private Condition condition(BodyReader in, int depth) {
            if (tooManyNodes) {
                in.opaque();
                return null;
            }
            if (++conditionNodes > MAX_CONDITION_NODES) {
                tooManyNodes = true;
                treeRoot.errorHere("has more than " + MAX_CONDITION_NODES + " nodes");
                in.opaque();
                return null;
            }
            if (depth > MAX_CONDITION_DEPTH) {
                in.errorHere("nests deeper than " + MAX_CONDITION_DEPTH + " levels");
                in.opaque();
                return null;
            }
            if (!in.present()) {
                return null; // not an object: the reader that made it said so
            }
            List<String> kinds = new ArrayList<>();
            for (String k : List.of("all", "any", "not", "type")) {
                if (in.has(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                in.errorHere("must have exactly one of all, any, not, type");
                in.opaque();
                return null;
            }
            switch (kinds.get(0)) {
                case "all":
                    List<Condition> all = children(in, "all", depth);
                    return all == null ? null : new Condition.All(all);
                case "any":
                    List<Condition> any = children(in, "any", depth);
                    return any == null ? null : new Condition.Any(any);
                case "not":
                    BodyReader inner = in.child("not");
                    if (!inner.present()) {
                        return null;
                    }
                    Condition c = condition(inner, depth + 1);
                    return c == null ? null : new Condition.Not(c);
                default:
                    return leaf(in);
            }
        }

        private List<Condition> children(BodyReader in, String kind, int depth) {
            JsonNode array = in.value(kind);
            if (!array.isArray() || array.isEmpty()) {
                in.error(kind, "must be a non-empty array of conditions");
                return null;
            }
            if (array.size() > BodyReader.MAX_ITEMS) {
                in.error(kind, "must have at most " + BodyReader.MAX_ITEMS + " items");
                return null;
            }
            List<BodyReader> items = in.items(kind, true, "condition");
            if (items.size() != array.size()) {
                return null; // an item is not an object
            }
            List<Condition> children = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < items.size() && !tooManyNodes; i++) {
                Condition child = condition(items.get(i), depth + 1);
                ok &= child != null;
                children.add(child);
            }
            return ok && !tooManyNodes ? children : null;
        }

        private Condition leaf(BodyReader in) {
            ConditionType type = in.choice("type", true, ConditionType::fromWire, ConditionType.allowed(),
                    "condition type", null);
            if (type == null) {
                in.opaque();
                return null;
            }
            switch (type) {
                case REGISTERED_BEFORE:
                case REGISTERED_AFTER:
                    Instant date = in.timestamp("date", true);
                    if (date == null) {
                        return null;
                    }
                    return type == ConditionType.REGISTERED_BEFORE
                            ? new Condition.RegisteredBefore(date) : new Condition.RegisteredAfter(date);
                case HAS_TAGS:
                    return nonEmpty(in.requiredStrings("tags", TextRules::tag), Condition.HasTags::new);
                case HAS_ANY_TAG:
                    return nonEmpty(in.requiredStrings("tags", TextRules::tag), Condition.HasAnyTag::new);
                case EMAIL_DOMAIN:
                    return nonEmpty(in.requiredStrings("domains", s -> TextRules.text(s, 253)),
                            Condition.EmailDomain::new);
                case ROLE:
                    List<String> roles = in.requiredStrings("roles", s ->
                            Role.fromWire(s).isPresent() ? null : "unknown role '" + s + "'; allowed: " + Role.allowed());
                    return nonEmpty(roles, r -> new Condition.RoleIn(
                            r.stream().map(s -> Role.fromWire(s).orElseThrow()).toList()));
                case SOURCE:
                    return nonEmpty(in.requiredStrings("sources", s -> TextRules.text(s, 200)),
                            Condition.SourceIn::new);
                case ENROLLED_IN:
                    return nonEmpty(in.requiredStrings("courseIds", TextRules::id), Condition.EnrolledIn::new);
                case COMPLETED_COURSE:
                    return nonEmpty(in.requiredStrings("courseIds", TextRules::id), Condition.CompletedCourse::new);
                case IN_SPACE:
                    return nonEmpty(in.requiredStrings("spaceIds", TextRules::id), Condition.InSpace::new);
                case FIELD:
                    return field(in);
                case DECISION:
                    return decision(in);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        private Condition field(BodyReader in) {
            String fieldPath = in.string("path", true, 200);
            if (fieldPath != null && !Condition.Field.isValidPath(fieldPath)) {
                in.error("path", "must be user.fields.<name> or event.fields.<name>");
                fieldPath = null;
            } else if (fieldPath != null && withoutEvent && fieldPath.startsWith(MergeFields.EVENT_FIELDS)) {
                in.error("path", NO_EVENT);
                fieldPath = null;
            }
            FieldOp op = in.choice("op", true, FieldOp::fromWire, FieldOp.allowed(), "operator", null);
            String value = null;
            JsonNode v = in.value("value");
            if (op != null && op != FieldOp.EXISTS) {
                if (v == null) {
                    in.error("value", "is required for op " + op.wireName());
                } else if (v.isTextual()) {
                    if (TextRules.length(v.textValue()) > MAX_DECISION_TEXT) {
                        in.error("value", "must be at most " + MAX_DECISION_TEXT + " characters");
                    } else {
                        value = v.textValue();
                    }
                } else if (v.isNumber()) {
                    if (Numbers.problem(v) == null) { // else refused by the body reader, at this path
                        // as written, without an exponent: 1e2 is compared as "100", not "1E+2"
                        value = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString();
                    }
                } else if (v.isBoolean()) {
                    value = String.valueOf(v.booleanValue());
                } else {
                    in.error("value", "must be a string, number or boolean");
                }
            }
            if (fieldPath == null || op == null || op != FieldOp.EXISTS && value == null) {
                return null;
            }
            return new Condition.Field(fieldPath, op, value);
        }

        /** A DMN decision equals a JSON scalar; whether the model and decision exist is checked at save. */
        private Condition decision(BodyReader in) {
            int before = in.errors().size();
            String model = in.checked("model", true, s -> TextRules.text(s, MAX_DMN_NAME));
            String decision = in.checked("decision", true, s -> TextRules.text(s, MAX_DMN_NAME));
            DecisionValue value = null;
            JsonNode v = in.value("equals");
            if (v == null) {
                in.error("equals", "is required: the value the decision must give (a string, number or boolean)");
            } else if (v.isTextual()) {
                if (TextRules.length(v.textValue()) > MAX_DECISION_TEXT) {
                    in.error("equals", "must be at most " + MAX_DECISION_TEXT + " characters");
                } else {
                    value = DecisionValue.string(v.textValue());
                }
            } else if (v.isNumber()) {
                if (Numbers.problem(v) == null) {
                    value = new DecisionValue(DecisionValue.Kind.NUMBER, v.decimalValue().toPlainString());
                }
            } else if (v.isBoolean()) {
                value = new DecisionValue(DecisionValue.Kind.BOOLEAN, String.valueOf(v.booleanValue()));
            } else {
                in.error("equals", "must be a string, number or boolean");
            }
            if (in.errors().size() > before || value == null) {
                return null;
            }
            return new Condition.Decision(model, decision, value);
        }

        // ---- actions ----

        private Action action(BodyReader in) {
            ActionType type = in.choice("type", true, ActionType::fromWire, stepTypes(), "action type", null);
            if (type == null) {
                in.opaque();
                return null;
            }
            switch (type) {
                case ENROLL:
                case UNENROLL:
                case COMPLETE_COURSES:
                    return nonEmpty(in.requiredStrings("courseIds", TextRules::id), ids -> Action.courses(type, ids));
                case ADD_TAGS:
                case REMOVE_TAGS:
                    return nonEmpty(in.requiredStrings("tags", TextRules::tag), tags -> Action.tags(type, tags));
                case ADD_TO_SPACE:
                case REMOVE_FROM_SPACE:
                    return nonEmpty(in.requiredStrings("spaceIds", TextRules::id), ids -> Action.spaces(type, ids));
                case ADD_EMAIL_DOMAIN_TAG:
                    String prefix = prefix(in);
                    return in.has("prefix") && prefix == null ? null : Action.emailDomainTag(prefix);
                case SEND_EMAIL:
                    return sendEmail(in);
                case SEND_WEBHOOK:
                    return sendWebhook(in);
                case SEND_PUSH:
                    return sendPush(in);
                case ADD_TAG_FROM_DECISION:
                    return tagFromDecision(in);
                case WAIT:
                    return waitStep(in);
                default:
                    throw new IllegalStateException(type.name());
            }
        }

        /** The accepted step types: the actions, then the steps that are not actions. */
        private static String stepTypes() {
            return ActionType.allowed() + ", " + WireNames.list(StepType.values());
        }

        /** The tag is prefix + a value and must still be a valid tag: "" or 1-99 characters. */
        private String prefix(BodyReader in) {
            String prefix = in.string("prefix", false, Integer.MAX_VALUE);
            if (prefix != null && !prefix.isEmpty() && TextRules.text(prefix, 99) != null) {
                in.error("prefix", "must be at most 99 characters without control characters");
                return null;
            }
            return prefix;
        }

        private Action tagFromDecision(BodyReader in) {
            int before = in.errors().size();
            String model = in.checked("model", true, s -> TextRules.text(s, MAX_DMN_NAME));
            String decision = in.checked("decision", true, s -> TextRules.text(s, MAX_DMN_NAME));
            String prefix = prefix(in);
            return in.errors().size() > before ? null : Action.tagFromDecision(model, decision, prefix);
        }

        private Action sendEmail(BodyReader in) {
            int before = in.errors().size();
            EmailRecipient to = in.choice("to", true, EmailRecipient::fromWire, EmailRecipient.allowed(),
                    "recipient", null);
            String address = null;
            if (to == EmailRecipient.ADDRESS) {
                address = in.email("address", true);
            } else if (in.has("address")) {
                in.error("address", "is only allowed when to is address");
            }
            String subject = template(in, "subject");
            if (subject != null && TextRules.hasLineBreak(subject)) {
                in.error("subject", "must not contain CR or LF");
            }
            String body = template(in, "body");
            Boolean transactional = in.bool("transactional");
            if (in.errors().size() > before) {
                return null;
            }
            return transactional(Action.sendEmail(to, address, subject, body), transactional);
        }

        /**
         * One delivery to one of the school's endpoints: the payload is the school's own JSON,
         * its strings templates (merge fields expanded when the run sends it). The keys every
         * delivery's data carries are the service's and cannot be overridden.
         */
        private Action sendWebhook(BodyReader in) {
            int before = in.errors().size();
            String webhookId = in.id("webhookId", true);
            JsonNode payload = in.freeForm("payload");
            if (payload == null && !in.has("payload")) {
                in.error("payload", "is required: the object sent as the delivery's data");
            }
            if (payload != null) {
                for (String reserved : WebhookPayloads.RESERVED_KEYS) {
                    if (payload.has(reserved)) {
                        in.error("payload." + reserved, "is set by the service on every delivery; use another key");
                    }
                }
                WebhookPayloads.templates(payload, "payload", (path, text) -> {
                    if (TextRules.length(text) > MAX_TEMPLATE) {
                        in.error(path, "must be at most " + MAX_TEMPLATE + " characters");
                        return;
                    }
                    List<String> unknown = MergeFields.unknownFields(text);
                    if (!unknown.isEmpty()) {
                        in.error(path, "unknown merge field {" + unknown.get(0) + "}; allowed: " + MergeFields.allowed());
                    }
                });
            }
            if (in.errors().size() > before) {
                return null;
            }
            return Action.sendWebhook(webhookId, payload);
        }

        /** A push to each of the user's subscriptions: a title, a body and the page it opens. */
        private Action sendPush(BodyReader in) {
            int before = in.errors().size();
            String title = template(in, "title", MAX_PUSH_TITLE);
            if (title != null && TextRules.hasLineBreak(title)) {
                in.error("title", "must not contain CR or LF");
            }
            String body = template(in, "body", MAX_PUSH_TEXT);
            String url = null;
            if (in.has("url")) {
                url = in.string("url", false, MAX_PUSH_URL);
                if (url != null) {
                    String problem = PushLinks.problem(url);
                    if (problem != null) {
                        in.error("url", problem);
                    }
                }
            }
            Boolean transactional = in.bool("transactional");
            if (in.errors().size() > before) {
                return null;
            }
            return transactional(Action.sendPush(title, body, url), transactional);
        }

        /** {@code "transactional": true}: outside the school's send window and frequency cap. */
        private static Action transactional(Action message, Boolean transactional) {
            return Boolean.TRUE.equals(transactional) ? message.asTransactional() : message;
        }

        /** A required, non-empty subject or body whose {...} are all merge fields. */
        private String template(BodyReader in, String field) {
            return template(in, field, MAX_TEMPLATE);
        }

        private String template(BodyReader in, String field, int maxLength) {
            String text = in.string(field, true, maxLength);
            if (text == null) {
                return null;
            }
            List<String> unknown = MergeFields.unknownFields(text);
            if (!unknown.isEmpty()) {
                in.error(field, "unknown merge field {" + unknown.get(0) + "}; allowed: " + MergeFields.allowed());
                return null;
            }
            return text;
        }

        private Action waitStep(BodyReader in) {
            boolean hasDuration = in.has("duration");
            boolean hasUntil = in.has("until");
            if (hasDuration == hasUntil) {
                in.errorHere("wait needs exactly one of duration or until");
                return null;
            }
            if (hasUntil) {
                Instant until = in.timestamp("until", true);
                return until == null ? null : Action.waitUntil(until);
            }
            String text = in.string("duration", true, 64);
            if (text == null) {
                return null;
            }
            try {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    in.error("duration", "must be positive");
                    return null;
                }
                if (duration.compareTo(MAX_WAIT) > 0) {
                    in.error("duration", "must be at most ten years (P3650D)");
                    return null;
                }
                return Action.waitFor(duration);
            } catch (DateTimeParseException e) {
                in.error("duration", "must be an ISO-8601 duration such as PT1H or P2D");
                return null;
            }
        }

        private static <T> T nonEmpty(List<String> values, Function<List<String>, T> make) {
            return values.isEmpty() ? null : make.apply(values);
        }
    }
}
