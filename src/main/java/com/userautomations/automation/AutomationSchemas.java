package com.userautomations.automation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The automation bodies as the OpenAPI document names them, and the definition's parts the answer
 * ({@link AutomationView}) echoes. Definitions are read by {@link DefinitionParser} (every error
 * with its path, unknown keys refused), not bound to these records: they only describe them. The
 * catalogue of triggers, conditions and actions with their keys is docs/api.md.
 */
final class AutomationSchemas {
    private AutomationSchemas() {
    }

    @Schema(name = "Trigger", description = "an event type and its filters (docs/api.md, Triggers)")
    record Trigger(@Schema(required = true, description = "an event type, such as user.enrolled") String type,
                   List<String> courseIds, List<String> reasons, List<String> formIds, List<String> couponCodes,
                   List<String> tags) {
    }

    @Schema(name = "Condition", additionalProperties = Schema.True.class,
            description = "all, any or not of conditions, or a leaf: a type and its keys (docs/api.md, Conditions)")
    record Condition(List<Condition> all, List<Condition> any, Condition not,
                     @Schema(description = "a leaf's type, such as email_domain") String type) {
    }

    @Schema(name = "Action", additionalProperties = Schema.True.class,
            description = "a step: an action (a type and its keys, docs/api.md, Actions and Waits), "
                    + "or if (conditions, then, else) or exit (docs/api.md, Flows)")
    record Action(@Schema(required = true, description = "such as add_tags, send_email, wait, if, exit") String type,
                  Condition conditions, List<Action> then, @Schema(name = "else") List<Action> otherwise) {
    }

    @Schema(name = "AutomationRequest", description = "id, version, createdAt and updatedAt may come back "
            + "only as stored (a client sending back what it read)")
    record AutomationRequest(@Schema(required = true) String name,
                             @Schema(enumeration = {"active", "paused"}, defaultValue = "active") String status,
                             @Schema(required = true) List<Trigger> triggers, Condition conditions,
                             @Schema(required = true) List<Action> actions,
                             @Schema(description = "ends a run as soon as it holds") Condition exitWhen,
                             @Schema(enumeration = {"every_time", "once_per_user"}) String reentry,
                             @Schema(readOnly = true) String id, @Schema(readOnly = true) Integer version,
                             @Schema(readOnly = true) Instant createdAt, @Schema(readOnly = true) Instant updatedAt) {
    }

    @Schema(name = "AutomationDefinition", description = "a saved version's definition: the automation's parts, without status")
    record VersionDefinition(@Schema(required = true) String name, @Schema(required = true) List<Trigger> triggers,
                             Condition conditions, @Schema(required = true) List<Action> actions, Condition exitWhen,
                             @Schema(required = true, enumeration = {"every_time", "once_per_user"}) String reentry) {
    }

    @Schema(name = "StatusRequest")
    record StatusRequest(@Schema(required = true, enumeration = {"active", "paused"}) String status) {
    }
}
