package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a definition back in the API form that {@link DefinitionParser} reads: nulls and empty
 * trigger lists are omitted, so parse(toJson(d)) equals d.
 */
public final class DefinitionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DefinitionJson() {
    }

    public static ObjectNode toJson(AutomationDefinition d) {
        ObjectNode json = NODES.objectNode();
        json.put("name", d.name());
        json.put("status", d.status().wireName());
        ArrayNode triggers = json.putArray("triggers");
        d.triggers().forEach(t -> triggers.add(trigger(t)));
        if (d.conditions() != null) {
            json.set("conditions", condition(d.conditions()));
        }
        json.set("actions", steps(d.steps()));
        if (d.exitWhen() != null) {
            json.set("exitWhen", condition(d.exitWhen()));
        }
        json.put("reentry", d.reentry().wireName());
        return json;
    }

    /** A list of steps; an if's else, and a wait_for's then and else, only when they hold steps. */
    public static ArrayNode steps(List<Step> steps) {
        ArrayNode json = NODES.arrayNode();
        for (Step s : steps) {
            if (s instanceof Step.Act a) {
                json.add(action(a.action()));
            } else if (s instanceof Step.If f) {
                ObjectNode step = json.addObject();
                step.put("type", StepType.IF.wireName());
                step.set("conditions", condition(f.conditions()));
                step.set("then", steps(f.then()));
                if (!f.otherwise().isEmpty()) {
                    step.set("else", steps(f.otherwise()));
                }
            } else if (s instanceof Step.WaitFor w) {
                ObjectNode step = json.addObject();
                step.put("type", StepType.WAIT_FOR.wireName());
                step.set("event", trigger(w.event()));
                step.put("timeout", durationText(w.timeout()));
                if (!w.then().isEmpty()) {
                    step.set("then", steps(w.then()));
                }
                if (!w.otherwise().isEmpty()) {
                    step.set("else", steps(w.otherwise()));
                }
            } else {
                json.addObject().put("type", StepType.EXIT.wireName());
            }
        }
        return json;
    }

    /** A duration as an admin writes it: whole days as {@code P3D}, else Java's {@code PT…} form. */
    static String durationText(java.time.Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    public static ObjectNode trigger(Trigger t) {
        ObjectNode json = NODES.objectNode();
        json.put("type", t.type().wireName());
        putIfAny(json, "courseIds", t.courseIds());
        putIfAny(json, "reasons", t.reasons());
        putIfAny(json, "formIds", t.formIds());
        putIfAny(json, "couponCodes", t.couponCodes());
        putIfAny(json, "tags", t.tags());
        if (t.days() != null) {
            json.put("days", t.days());
        }
        return json;
    }

    /** The JSON of a condition subtree; its compact text is also the canonical text the compiler uses. */
    public static ObjectNode condition(Condition c) {
        ObjectNode json = NODES.objectNode();
        if (c instanceof Condition.All all) {
            ArrayNode items = json.putArray("all");
            all.conditions().forEach(x -> items.add(condition(x)));
        } else if (c instanceof Condition.Any any) {
            ArrayNode items = json.putArray("any");
            any.conditions().forEach(x -> items.add(condition(x)));
        } else if (c instanceof Condition.Not not) {
            json.set("not", condition(not.condition()));
        } else {
            json.put("type", ConditionType.of(c).orElseThrow().wireName());
            leafFields(c, json);
        }
        return json;
    }

    private static void leafFields(Condition c, ObjectNode json) {
        if (c instanceof Condition.RegisteredBefore r) {
            json.put("date", r.date().toString());
        } else if (c instanceof Condition.RegisteredAfter r) {
            json.put("date", r.date().toString());
        } else if (c instanceof Condition.HasTags h) {
            put(json, "tags", h.tags());
        } else if (c instanceof Condition.HasAnyTag h) {
            put(json, "tags", h.tags());
        } else if (c instanceof Condition.EmailDomain e) {
            put(json, "domains", e.domains());
        } else if (c instanceof Condition.RoleIn r) {
            put(json, "roles", r.roles().stream().map(Role::wireName).toList());
        } else if (c instanceof Condition.SourceIn s) {
            put(json, "sources", s.sources());
        } else if (c instanceof Condition.EnrolledIn e) {
            put(json, "courseIds", e.courseIds());
        } else if (c instanceof Condition.CompletedCourse cc) {
            put(json, "courseIds", cc.courseIds());
        } else if (c instanceof Condition.InSpace s) {
            put(json, "spaceIds", s.spaceIds());
        } else if (c instanceof Condition.Field f) {
            json.put("path", f.path());
            json.put("op", f.op().wireName());
            if (f.value() != null) {
                json.put("value", f.value());
            }
        } else if (c instanceof Condition.Decision d) {
            json.put("model", d.model());
            json.put("decision", d.decision());
            switch (d.equals().kind()) {
                case STRING -> json.put("equals", d.equals().text());
                case NUMBER -> json.put("equals", new java.math.BigDecimal(d.equals().text()));
                case BOOLEAN -> json.put("equals", Boolean.parseBoolean(d.equals().text()));
                default -> throw new IllegalStateException(d.equals().kind().name());
            }
        }
    }

    public static ObjectNode action(Action a) {
        ObjectNode json = NODES.objectNode();
        json.put("type", a.type().wireName());
        putIfAny(json, "courseIds", a.courseIds());
        putIfAny(json, "tags", a.tags());
        putIfAny(json, "spaceIds", a.spaceIds());
        putIfSet(json, "model", a.model());
        putIfSet(json, "decision", a.decision());
        putIfSet(json, "prefix", a.prefix());
        putIfSet(json, "to", a.to() == null ? null : a.to().wireName());
        putIfSet(json, "address", a.address());
        putIfSet(json, "webhookId", a.webhookId());
        if (a.payload() != null) {
            json.set("payload", a.payload().deepCopy());
        }
        putIfSet(json, "title", a.title());
        putIfSet(json, "subject", a.subject());
        putIfSet(json, "body", a.body());
        putIfSet(json, "url", a.url());
        putIfSet(json, "duration", a.duration() == null ? null : a.duration().toString());
        putIfSet(json, "until", a.until() == null ? null : a.until().toString());
        if (a.transactional()) {
            json.put("transactional", true);
        }
        return json;
    }

    private static void put(ObjectNode json, String field, List<String> values) {
        ArrayNode array = json.putArray(field);
        values.forEach(array::add);
    }

    private static void putIfAny(ObjectNode json, String field, List<String> values) {
        if (!values.isEmpty()) {
            put(json, field, values);
        }
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    /** The compact JSON text of a node (Jackson escapes every value). */
    public static String text(JsonNode json) {
        return json.toString();
    }
}
