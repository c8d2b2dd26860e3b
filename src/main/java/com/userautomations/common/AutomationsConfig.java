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

    Inactivity inactivity();

    Backfill backfill();

    interface Backfill {
        /**
         * AUTOMATIONS_BACKFILL_RATE: runs per second one process's backfills start, at most
         * (dry runs count users without this bound).
         */
        @WithDefault("100")
        int rate();

        /** How often the worker looks for queued and running jobs; each tick works up to one second's rate. */
        @WithDefault("1s")
        String pollInterval();

        /** Users examined per transaction (a page of the job's keyset walk), at most. */
        @WithDefault("100")
        int pageSize();
    }

    interface Inactivity {
        /** How often the user.inactive scan runs (runs start within 5 minutes of their moment). */
        @WithDefault("60s")
        String pollInterval();

        /** Due (automation, user) rows claimed per transaction. */
        @WithDefault("200")
        int batchSize();
    }

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

        /**
         * AUTOMATIONS_OUTBOX_CONCURRENCY: messages (emails, webhook deliveries, pushes) sent at once
         * by this process. The senders mostly wait on the other side, so there are more than cores.
         */
        @WithDefault("16")
        int concurrency();

        /**
         * AUTOMATIONS_OUTBOX_CONCURRENCY_PER_SCHOOL: at most this many of them for one school in one
         * channel, so a school's slow sends or large backlog leave senders for the others (and a
         * slow endpoint for the school's emails). Equal to the per-endpoint default: one endpoint
         * can have its 4 in flight.
         */
        @WithDefault("4")
        int concurrencyPerSchool();

        /**
         * Emails sent at once to the SMTP server (the email channel's per-target limit): twice a
         * school's share, so one school's slow recipients leave room for another school's emails.
         */
        @WithDefault("8")
        int concurrencyPerSmtpServer();

        /** How often the outbox's gauges (queued, oldest queued) are read from the database. */
        @WithDefault("5s")
        String metricsInterval();
    }

    Analyst analyst();

    /**
     * Bounds on the analysts' rules of one event (AUTOMATIONS_ANALYST_*): uploaded DRL is code run
     * with the service's permissions, so a rule that blocks or loops is stopped, not waited for.
     */
    interface Analyst {
        /** Firings of all the analysts' rules together for one event; one more stops them. */
        @WithDefault("1000")
        int maxFirings();

        /** Longest time the analysts' rules may take for one event; then they are halted. */
        @WithDefault("PT2S")
        java.time.Duration maxTime();

        /** Firings of analysts' rules running at once (each on a thread of its own). */
        @WithDefault("4")
        int maxThreads();

        /** Stopped firings whose thread has not come back; with this many, no new firing starts. */
        @WithDefault("8")
        int maxStuck();

        /** How long /q/health/ready reports the check "analysts-rules" DOWN after a rule was stopped. */
        @WithDefault("PT15M")
        java.time.Duration healthWindow();
    }

    Http http();

    /**
     * Limits on slow clients. Vert.x's idle timeout restarts on every byte, so a client sending
     * one byte every few seconds would hold its connection forever without these.
     */
    interface Http {
        /** AUTOMATIONS_HTTP_HEADER_TIMEOUT: a request's line and headers must arrive within this, from its first byte. */
        @WithDefault("10s")
        java.time.Duration headerTimeout();

        /** AUTOMATIONS_HTTP_BODY_TIMEOUT: a request's body must arrive within this, from the end of its headers. */
        @WithDefault("60s")
        java.time.Duration bodyTimeout();
    }
}
