package com.userautomations.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.JsonBodies;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * An automation as the API answers it: the row's id, status, version and times around the stored
 * definition. The definition's parts are echoed as stored ({@link DefinitionJson} wrote them), so
 * a client can send back what it read; a key the stored form leaves out (conditions) stays out.
 * Conditions name their schema by ref: an implementation on a JsonNode would add "type: object"
 * beside the $ref.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Automation")
public record AutomationView(String id, String name,
                             @Schema(enumeration = {"active", "paused"}) String status,
                             @Schema(type = SchemaType.ARRAY, implementation = AutomationSchemas.Trigger.class)
                             JsonNode triggers,
                             @Schema(ref = "Condition") JsonNode conditions,
                             @Schema(type = SchemaType.ARRAY, implementation = AutomationSchemas.Action.class)
                             JsonNode actions,
                             @Schema(ref = "Condition", description = "ends a run as soon as it holds (API.md 1.1, Flows)")
                             JsonNode exitWhen,
                             @Schema(enumeration = {"every_time", "once_per_user"}) String reentry,
                             int version, Instant createdAt, Instant updatedAt) {

    /** The row's status wins over the definition's: they agree, and the row is what the engine reads. */
    static AutomationView of(StoredAutomation a) {
        JsonNode d = JsonBodies.read(a.definitionJson());
        return new AutomationView(a.id(), text(d.get("name")), a.status(), d.get("triggers"), d.get("conditions"),
                d.get("actions"), d.get("exitWhen"), text(d.get("reentry")), a.version(), a.createdAt(), a.updatedAt());
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.asText();
    }
}
