package com.userautomations.analyst;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Notices files changed on disk in the analysts' folder (an editor, a deploy, a git pull). */
@ApplicationScoped
public class RulesReloader {
    private final LiveAnalystRules folder;

    public RulesReloader(LiveAnalystRules folder) {
        this.folder = folder;
    }

    @Scheduled(every = "${automations.rules-reload-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        folder.reload();
    }
}
