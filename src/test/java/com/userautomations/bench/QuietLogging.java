package com.userautomations.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outside Quarkus, the JBoss log manager on the test classpath logs everything (Drools traces
 * every propagation) into a buffer no one reads; the service runs at INFO. Benchmarks must too.
 */
final class QuietLogging {
    private QuietLogging() {
    }

    static void atInfo() {
        Logger.getLogger("").setLevel(Level.INFO);
        Logger.getLogger("org.drools").setLevel(Level.INFO);
        Logger.getLogger("org.kie").setLevel(Level.INFO);
    }
}
