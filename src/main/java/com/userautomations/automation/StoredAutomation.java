package com.userautomations.automation;

import java.time.Instant;

/** An automation row: the current version of its definition and when it became active. */
public record StoredAutomation(String id, String name, String status, int version, String definitionJson,
                               Instant activatedAt, Instant createdAt, Instant updatedAt) {
}
