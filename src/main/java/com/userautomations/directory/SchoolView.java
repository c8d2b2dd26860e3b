package com.userautomations.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "School", description = "apiKey and apiKeyId only in the answer to the create, once")
public record SchoolView(String id, String name, String timezone, List<String> adminEmails, String fromEmail,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null: no window")
                         SendWindow sendWindow,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null: no cap")
                         FrequencyCap frequencyCap,
                         Instant createdAt, String apiKey, String apiKeyId) {
}
