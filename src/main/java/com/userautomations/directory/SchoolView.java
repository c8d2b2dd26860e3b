package com.userautomations.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchoolView(String id, String name, String timezone, List<String> adminEmails, String fromEmail,
                         Instant createdAt, String apiKey, String apiKeyId) {
}
