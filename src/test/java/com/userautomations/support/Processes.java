package com.userautomations.support;

import java.util.concurrent.TimeUnit;

/** Stopping the service processes tests and benchmarks start. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM and a graceful shutdown, then SIGKILL if it takes more than 30 s. */
    public static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
