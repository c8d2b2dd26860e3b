package com.userautomations.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.automation.Action;
import com.userautomations.automation.DefinitionJson;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;

/**
 * Runs a scenario the way the service evaluates an event: the compiled analysts' rules on one
 * {@link EventFact} ({@code AnalystRuleSet.evaluate}), and DMN decisions with the inputs of
 * {@link DecisionInputs}. Answers what differs from the expectation, in words; empty when the
 * scenario passes.
 */
final class ScenarioRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioRunner() {
    }

    static List<String> run(Scenario s, AnalystCompiler.Compiled compiled) {
        List<String> failures = new ArrayList<>();
        EventFact fact = s.fact();
        Map<String, List<Action>> fired = new LinkedHashMap<>();
        for (Match m : compiled.rules().evaluate(s.schoolId(), fact)) {
            fired.put(m.automationId().substring(Match.RULE_PREFIX.length()), m.actions());
        }
        for (Scenario.ExpectedRule expected : s.rules()) {
            List<Action> actions = fired.get(expected.rule());
            if (actions == null) {
                failures.add("expected the rule \"" + expected.rule() + "\" to fire; it did not");
            } else if (expected.actions() != null && !matches(expected.actions(), actions)) {
                failures.add("the rule \"" + expected.rule() + "\" recorded " + json(actions) + "; expected "
                        + expected.actions());
            }
        }
        if (s.onlyTheseRules()) {
            fired.forEach((rule, actions) -> {
                if (s.rules().stream().noneMatch(e -> e.rule().equals(rule))) {
                    failures.add("the rule \"" + rule + "\" fired too, recording " + json(actions)
                            + (s.rules().isEmpty() ? "; expected no rule to fire" : "; expected only the rules listed"));
                }
            });
        }
        for (Scenario.ExpectedDecision d : s.decisions()) {
            decide(s, compiled, d, fact).ifPresent(failures::add);
        }
        if (!failures.isEmpty()) {
            failures.add("what fired: " + (fired.isEmpty() ? "no rule" : fired.keySet()));
        }
        return failures;
    }

    /** Same actions in the same order; each expected action gives a subset of the actual one's fields. */
    private static boolean matches(List<ObjectNode> expected, List<Action> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode a = DefinitionJson.action(actual.get(i));
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getValue().equals(a.get(f.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<String> decide(Scenario s, AnalystCompiler.Compiled compiled,
            Scenario.ExpectedDecision d, EventFact fact) {
        String where = "the decision \"" + d.decision() + "\" of the model \"" + d.model() + "\"";
        DMNRuntime runtime = null;
        DMNModel model = null;
        // the school's own models first, then the global ones (scope key "")
        for (String scope : new String[]{s.schoolId(), ""}) {
            DmnModels models = compiled.dmn().get(scope);
            Optional<DMNModel> found = models == null ? Optional.empty()
                    : models.runtime().getModels().stream().filter(m -> m.getName().equals(d.model())).findFirst();
            if (found.isPresent()) {
                runtime = models.runtime();
                model = found.get();
                break;
            }
        }
        if (model == null) {
            return Optional.of(where + ": there is no DMN model \"" + d.model() + "\" for the school "
                    + s.schoolId() + " (nor a global one)");
        }
        if (model.getDecisionByName(d.decision()) == null) {
            return Optional.of(where + ": the model has no such decision");
        }
        DMNContext context = runtime.newContext();
        DecisionInputs.of(fact).forEach(context::set);
        DMNResult result = runtime.evaluateByName(model, context, d.decision());
        DMNDecisionResult decision = result.getDecisionResultByName(d.decision());
        if (result.hasErrors() || decision == null
                || decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            return Optional.of(where + " did not evaluate: " + result.getMessages(DMNMessage.Severity.ERROR).stream()
                    .map(DMNMessage::getText).toList());
        }
        JsonNode actual = decision.getResult() == null ? JSON.nullNode() : JSON.valueToTree(decision.getResult());
        JsonNode expected = d.equals() == null ? JSON.nullNode() : d.equals();
        boolean same = actual.isNumber() && expected.isNumber()
                ? actual.decimalValue().compareTo(expected.decimalValue()) == 0 : actual.equals(expected);
        return same ? Optional.empty() : Optional.of(where + " gave " + actual + "; expected " + expected);
    }

    private static String json(List<Action> actions) {
        ArrayNode a = JSON.createArrayNode();
        actions.forEach(x -> a.add(DefinitionJson.action(x)));
        return a.toString();
    }
}
