package com.userautomations.packaged;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README as {@link ReadmeIT} reads it: its fenced blocks and its {@code <!-- readme-test: ... -->}
 * markers, in document order, each with its line and the headings it sits under.
 *
 * <ul>
 *   <li>A shell block is a fence opened with {@code ```sh} (or {@code bash}, {@code shell}) at the
 *       start of a line.</li>
 *   <li>Its answer is the fenced block right after it (nothing but blank lines between) when that
 *       block is not a shell block; {@code ```json} answers are compared as JSON, any other as text.
 *       A shell block without an answer must print nothing.</li>
 *   <li>A {@code ```json} block that is no shell block's answer is refused: every answer shown is
 *       one the test checks.</li>
 *   <li>Markers: {@code <!-- readme-test: skip, <reason> -->} right before a shell block (the reason
 *       is required), and {@code <!-- readme-test: run the section "<heading>" again -->}, which runs
 *       the shell blocks under that heading (and its sub-headings) once more at that point.</li>
 * </ul>
 */
final class ReadmeBlocks {
    private static final Set<String> SHELL = Set.of("sh", "bash", "shell");
    private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_+-]*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern MARKER = Pattern.compile("<!--\\s*readme-test:\\s*(.*?)\\s*-->");
    private static final Pattern SKIP = Pattern.compile("skip,\\s*(\\S.*)");
    private static final Pattern AGAIN = Pattern.compile("run the section \"([^\"]+)\" again");

    private ReadmeBlocks() {
    }

    /** A fenced block: its first line (1-based, the fence), language, text and headings. */
    record Fence(int line, int endLine, String lang, String text, List<String> headings, boolean directlyAfterPrevious) {
        boolean shell() {
            return SHELL.contains(lang);
        }
    }

    /** One shell block to run, the answer it must print (null: nothing) and why it is skipped (null: it runs). */
    record Step(Fence shell, Fence answer, String skipReason) {
        int line() {
            return shell.line();
        }

        String section() {
            return shell.headings().isEmpty() ? "" : shell.headings().get(shell.headings().size() - 1);
        }
    }

    /** Run the shell blocks under {@code heading} once more. */
    record Again(int line, String heading) {
    }

    sealed interface Item permits StepItem, AgainItem {
    }

    record StepItem(Step step) implements Item {
    }

    record AgainItem(Again again) implements Item {
    }

    /** The README's steps and markers, in order. */
    static List<Item> parse(List<String> lines) {
        List<Object> raw = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        boolean onlyBlankSinceFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).startsWith("```")) {
                    text.append(lines.get(i)).append('\n');
                    i++;
                }
                if (i == lines.size()) {
                    throw new IllegalStateException("README.md:" + (start + 1) + ": the fence is never closed");
                }
                raw.add(new Fence(start + 1, i + 1, fence.group(1).toLowerCase(), text.toString(), List.copyOf(headings),
                        onlyBlankSinceFence));
                onlyBlankSinceFence = true;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                levels.add(level);
                headings.add(heading.group(2));
            }
            Matcher marker = MARKER.matcher(line);
            while (marker.find()) {
                raw.add(new Marker(i + 1, marker.group(1)));
            }
            if (!line.isBlank()) {
                onlyBlankSinceFence = false;
            }
        }
        return steps(raw);
    }

    private record Marker(int line, String text) {
    }

    private static List<Item> steps(List<Object> raw) {
        List<Item> items = new ArrayList<>();
        String skip = null;
        int skipLine = 0;
        for (int i = 0; i < raw.size(); i++) {
            Object o = raw.get(i);
            if (o instanceof Marker m) {
                Matcher s = SKIP.matcher(m.text());
                Matcher a = AGAIN.matcher(m.text());
                if (s.matches()) {
                    skip = s.group(1);
                    skipLine = m.line();
                } else if (a.matches()) {
                    items.add(new AgainItem(new Again(m.line(), a.group(1))));
                } else {
                    throw new IllegalStateException("README.md:" + m.line() + ": unknown readme-test marker '" + m.text()
                            + "' (known: 'skip, <reason>', 'run the section \"<heading>\" again')");
                }
                continue;
            }
            Fence f = (Fence) o;
            if (!f.shell()) {
                if ("json".equals(f.lang())) {
                    throw new IllegalStateException("README.md:" + f.line()
                            + ": a json block that no shell block prints; show the command that answers it");
                }
                continue;
            }
            Fence answer = null;
            if (i + 1 < raw.size() && raw.get(i + 1) instanceof Fence next && !next.shell() && next.directlyAfterPrevious()) {
                answer = next;
                i++;
            }
            if (skip != null && f.line() - skipLine > 3) {
                throw new IllegalStateException("README.md:" + skipLine + ": a skip marker must come right before its block");
            }
            items.add(new StepItem(new Step(f, answer, skip)));
            skip = null;
        }
        if (skip != null) {
            throw new IllegalStateException("README.md:" + skipLine + ": a skip marker with no block after it");
        }
        return items;
    }
}
