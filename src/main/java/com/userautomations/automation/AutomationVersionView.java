package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * One saved version of an automation (API.md 1.1, versions): its number, when it was saved and
 * its definition as saved. The status is not part of it: {@code PATCH {"status"}} makes no
 * version, so a version's status would only tell what it was when saved, not what runs did.
 */
@Schema(name = "AutomationVersion")
public record AutomationVersionView(int version, Instant createdAt,
                                    @Schema(implementation = AutomationSchemas.VersionDefinition.class,
                                            description = "name, triggers, conditions, actions, exitWhen, reentry as saved")
                                    JsonNode definition) {

    /** A version's row: its definition JSON (which DefinitionJson wrote, status included) without the status. */
    static AutomationVersionView of(int version, Instant createdAt, String definitionJson) {
        ObjectNode d = (ObjectNode) JsonBodies.read(definitionJson);
        d.remove("status");
        return new AutomationVersionView(version, createdAt, d);
    }
}
