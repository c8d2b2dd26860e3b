package com.userautomations.engine;

/**
 * The analysts' rules of an event were stopped: a rule ran over the time bound, the rules fired
 * more often than the firing bound, or too many rules stopped earlier are still running and no
 * new firing is started. The message is a plain sentence naming the rule and its file (rule and
 * file are analysts' text: escape them before logging).
 */
public final class RuleStopped extends RuntimeException {
    /** Why the rules were stopped. */
    public enum Reason { TIME, FIRINGS, STUCK, BUSY }

    private final Reason reason;
    private final String rule;
    private final String file;

    RuleStopped(Reason reason, String rule, String file, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.rule = rule;
        this.file = file;
    }

    static RuleStopped time(String rule, String file, FiringBounds bounds) {
        return new RuleStopped(Reason.TIME, rule, file, rule == null
                ? "the analysts' rules ran over their time limit of " + bounds.timeText()
                        + " for one event while matching it (no rule's consequence was running) and were stopped"
                : "the analysts' rule \"" + rule + "\" in " + file + " ran over the time limit of "
                        + bounds.timeText() + " for one event and was stopped");
    }

    static RuleStopped firings(String rule, String file, int times, FiringBounds bounds) {
        return new RuleStopped(Reason.FIRINGS, rule, file, "the analysts' rule \"" + rule + "\" in " + file
                + " fired " + times + " times for one event, over the limit of " + bounds.maxFirings()
                + " firings (it probably loops: an insert or modify in its consequence), and was stopped");
    }

    static RuleStopped stuck(int stuck, RuleStopped last) {
        String which = last == null || last.rule == null ? ""
                : " (the last one stopped: \"" + last.rule + "\" in " + last.file + ")";
        return new RuleStopped(Reason.STUCK, last == null ? null : last.rule, last == null ? null : last.file,
                "the analysts' rules were not run: " + stuck + " firings stopped earlier have not ended yet" + which
                        + "; no new firing starts until they end or the service restarts");
    }

    static RuleStopped busy(int threads, FiringBounds bounds) {
        return new RuleStopped(Reason.BUSY, null, null, "the analysts' rules were not run: their " + threads
                + " threads were all busy for the whole time limit of " + bounds.timeText());
    }

    public Reason reason() {
        return reason;
    }

    /** The rule's name, or null when no rule was firing (the time went into matching). */
    public String rule() {
        return rule;
    }

    /** The rule's file in the analysts' folder, or null with no rule. */
    public String file() {
        return file;
    }
}
