package com.userautomations.common;

import java.util.Optional;

/** Finds the school an API key belongs to (implemented where keys are stored). */
public interface ApiKeyLookup {
    Optional<String> schoolOf(String apiKey);
}
