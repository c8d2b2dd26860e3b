package com.userautomations.durable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One flow automation of {@link CrashIT}'s school and what it may have done for each user once
 * the stream has drained: its definition, which of the stream's events starts its run, and the
 * outcomes the flow allows that run. Usually one; two where the stream raced a timer (an event
 * that meets the exit goal or resumes a {@code wait_for} at the moment the wait ends): then the
 * flow allows whichever the service applied first, and only those.
 */
interface FlowExpectation {
    /** Also the automation's name in the school. */
    String name();

    /** The automation's JSON, as posted. */
    String definition();

    /** The stream's event kind ({@link CrashIT.Ev#kind()}) whose arrival starts a run for the user; null: none does. */
    String startedBy(int user);

    /** Every outcome the flow allows the user's run, given when the user's events were acknowledged. */
    List<Outcome> allowed(UserFacts facts);

    /**
     * When the client had the answer to each of the user's events (the first 200 or 202), and when
     * the service started the run (runs.started_at). An event was applied before its answer came,
     * so a timer that fell due after that answer resumed the run after the event.
     */
    record UserFacts(int user, Map<String, Instant> acknowledgedByKind, Instant runStartedAt) {
        Instant acknowledged(String kind) {
            Instant at = acknowledgedByKind.get(kind);
            if (at == null) {
                throw new IllegalStateException("u" + user + " has no acknowledged " + kind + " event");
            }
            return at;
        }
    }

    /**
     * One way a run may end: its status; every step it recorded, in path order, as
     * {@code <step> <status>[ <branch or outcome>]}; the tags its steps added, the subjects of
     * the emails they sent the user, and the changes the platform hears of
     * ({@code <type> <detail>}, as {@code CrashIT.CHANGES}; the run's end and sent emails aside).
     */
    record Outcome(String label, String status, List<String> steps, Set<String> tags, Set<String> subjects,
                   List<String> changes) {
        static Outcome start() {
            return new Outcome("", null, List.of(), Set.of(), Set.of(), List.of());
        }

        /** This outcome with one more step recorded. */
        Outcome step(String line) {
            return new Outcome(label, status, plus(steps, line), tags, subjects, changes);
        }

        /** One more step that adds {@code tag}. */
        Outcome tag(String step, String tag) {
            Set<String> t = new LinkedHashSet<>(tags);
            t.add(tag);
            return new Outcome(label, status, plus(steps, step + " done"), t, subjects,
                    plus(changes, "tags.added [" + tag + "]"));
        }

        /** One more step that emails the user. */
        Outcome email(String step, String subject) {
            Set<String> s = new LinkedHashSet<>(subjects);
            s.add(subject);
            return new Outcome(label, status, plus(steps, step + " done"), tags, s, changes);
        }

        /** The run ended here with {@code status}. */
        Outcome ends(String label, String status) {
            return new Outcome(label, status, steps, tags, subjects, changes);
        }

        private static List<String> plus(List<String> list, String item) {
            List<String> out = new ArrayList<>(list);
            out.add(item);
            return List.copyOf(out);
        }
    }
}
