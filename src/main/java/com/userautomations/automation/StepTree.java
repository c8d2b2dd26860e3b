package com.userautomations.automation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a flow with where each one is: its path ({@code actions[2].then[0]}), its index
 * in its own list, and its number, its place in path order over the whole tree. The number is
 * what a run's action rows and messages are keyed by: for a plain list it is the list index,
 * as in version 1. Depth is bounded by the parser (10 lists), so recursion is safe here.
 */
public final class StepTree {
    public static final String TOP = "actions";
    private static final Pattern SEGMENT = Pattern.compile("(actions|then|else)\\[(\\d{1,4})]");

    /**
     * One step. {@code list} is the list holding it, {@code listPath} that list's path,
     * {@code parent} the enclosing if or wait_for (null at the top) and {@code branch} which of its lists.
     */
    public record Node(Step step, String path, int index, int number, List<Step> list, String listPath,
                       Node parent, String branch) {
    }

    /** Where a run stands in the tree: the index of its next step in each list, outermost first. */
    public record Position(List<String> lists, List<Integer> indexes) {
        public Position {
            lists = List.copyOf(lists);
            indexes = List.copyOf(indexes);
        }

        public static Position start() {
            return new Position(List.of(TOP), List.of(0));
        }

        /** The position's text, a step path (whose last index may be one past its list's end). */
        public String text() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < lists.size(); i++) {
                s.append(i == 0 ? "" : ".").append(lists.get(i)).append('[').append(indexes.get(i)).append(']');
            }
            return s.toString();
        }

        /** Reads what {@link #text()} wrote; null when it is not such a path. */
        public static Position parse(String text) {
            List<String> lists = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (String part : text.split("\\.")) {
                Matcher m = SEGMENT.matcher(part);
                if (!m.matches() || (lists.isEmpty() != TOP.equals(m.group(1)))) {
                    return null;
                }
                lists.add(m.group(1));
                indexes.add(Integer.parseInt(m.group(2)));
            }
            return lists.isEmpty() ? null : new Position(lists, indexes);
        }

        public int depth() {
            return lists.size();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Step, Node> byStep = new IdentityHashMap<>();
    private final List<Step> top;

    private StepTree(List<Step> top) {
        this.top = top;
        add(top, TOP, null, null);
    }

    public static StepTree of(List<Step> top) {
        return new StepTree(top);
    }

    private void add(List<Step> list, String listPath, Node parent, String branch) {
        for (int i = 0; i < list.size(); i++) {
            Step s = list.get(i);
            Node n = new Node(s, listPath + "[" + i + "]", i, nodes.size(), list, listPath, parent, branch);
            nodes.add(n);
            byStep.put(s, n);
            if (s instanceof Step.Branching b) {
                add(b.then(), n.path() + ".then", n, "then");
                add(b.otherwise(), n.path() + ".else", n, "else");
            }
        }
    }

    /** Every step in path order. */
    public List<Node> nodes() {
        return nodes;
    }

    public Node node(Step s) {
        Node n = byStep.get(s);
        if (n == null) {
            throw new IllegalArgumentException("not a step of this tree");
        }
        return n;
    }

    /** The actions of the flow in path order. */
    public List<Action> actions() {
        List<Action> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.step() instanceof Step.Act a) {
                out.add(a.action());
            }
        }
        return out;
    }

    /**
     * The actions a run has surely carried out before reaching {@code n}: those before it in its
     * list and, outwards, before each enclosing if in its list (not those in earlier ifs'
     * branches, which a run may not have taken), in the order the run met them.
     */
    public List<Action> actionsBefore(Node n) {
        List<Action> out = new ArrayList<>();
        for (Node at = n; at != null; at = at.parent()) {
            List<Action> here = new ArrayList<>();
            for (int i = 0; i < at.index(); i++) {
                if (at.list().get(i) instanceof Step.Act a) {
                    here.add(a.action());
                }
            }
            out.addAll(0, here);
        }
        return out;
    }

    /** The list a position's level {@code level} stands in (the top list for level 0). */
    public List<Step> listAt(Position p, int level) {
        List<Step> list = null;
        for (int l = 0; l <= level; l++) {
            if (l == 0) {
                list = top;
            } else {
                Step.Branching b = (Step.Branching) list.get(p.indexes().get(l - 1));
                list = b.branch(p.lists().get(l));
            }
        }
        return list;
    }

    /** Whether the position names lists this tree has (a stored position of this version always does). */
    public boolean holds(Position p) {
        List<Step> list = top;
        for (int l = 0; l < p.depth(); l++) {
            int i = p.indexes().get(l);
            if (l == p.depth() - 1) {
                return i <= list.size();
            }
            if (i >= list.size() || !(list.get(i) instanceof Step.Branching b)) {
                return false;
            }
            list = b.branch(p.lists().get(l + 1));
        }
        return false;
    }

    /** The step a position points at, or null when it is past the end of its list. */
    public Node at(Position p) {
        List<Step> list = listAt(p, p.depth() - 1);
        int i = p.indexes().get(p.depth() - 1);
        return i < list.size() ? node(list.get(i)) : null;
    }

    /** The steps a run waiting at {@code p} has not reached yet, in each enclosing list after its position. */
    public List<Node> after(Position p) {
        List<Node> out = new ArrayList<>();
        for (int l = 0; l < p.depth(); l++) {
            List<Step> list = listAt(p, l);
            int from = l == p.depth() - 1 ? p.indexes().get(l) : p.indexes().get(l) + 1;
            for (int i = from; i < list.size(); i++) {
                out.add(node(list.get(i)));
            }
        }
        return out;
    }
}
