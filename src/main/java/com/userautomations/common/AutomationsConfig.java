package com.userautomations.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

@ConfigMapping(prefix = "automations")
public interface AutomationsConfig {
    /** Where the embedded database and the generated operator token live. */
    @WithDefault("./data")
    String dataDir();

    /** AUTOMATIONS_OPERATOR_TOKEN; generated and stored under the data dir when unset. */
    Optional<String> operatorToken();

    /** How many schools' rule bases stay in memory. */
    @WithDefault("1000")
    int ruleBaseCacheSize();

    /**
     * The analysts' folder (AUTOMATIONS_RULES_DIR): .drl, .csv/.xlsx decision tables and .dmn
     * models, loaded at start-up; a folder that does not exist holds no rules.
     */
    @WithDefault("rules-dmn")
    String rulesDir();

    /**
     * How often the analysts' folder is checked for changed files (AUTOMATIONS_RULES_RELOAD_INTERVAL),
     * e.g. 5s; "off" checks only at start-up. Read by the scheduler, which has its own default.
     */
    @WithDefault("5s")
    String rulesReloadInterval();

    /** Chains of internal events stop at this depth. */
    @WithDefault("8")
    int maxChainDepth();

    /** AUTOMATIONS_MAX_AUTOMATIONS_PER_SCHOOL: then a POST of another is refused. */
    @WithDefault("1000")
    int maxAutomationsPerSchool();

    /**
     * AUTOMATIONS_RATE_LIMIT: requests per second per school (its keys together), per process,
     * with bursts of twice that; 0 turns the limit off.
     */
    @WithDefault("200")
    int rateLimit();

    Outbox outbox();

    Timers timers();

    interface Timers {
        /** How often due waits are looked for. */
        @WithDefault("1s")
        String pollInterval();
    }

    interface Outbox {
        /** How often the worker looks for due emails. */
        @WithDefault("1s")
        String pollInterval();

        /** Attempts before an email is marked failed. */
        @WithDefault("8")
        int maxAttempts();

        /** Retry n waits a random time up to base * 2^(n-1) (full jitter): 8 attempts span about a day on average. */
        @WithDefault("PT22M")
        java.time.Duration backoffBase();

        /** Longest wait for the SMTP server to take one email; then the attempt counts as failed. */
        @WithDefault("PT30S")
        java.time.Duration sendTimeout();
    }
}
