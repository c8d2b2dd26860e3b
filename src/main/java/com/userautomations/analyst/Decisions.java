package com.userautomations.analyst;

import com.userautomations.common.LogText;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.jboss.logging.Logger;

/**
 * The DMN decisions a school's automations may use: the school's own models
 * ({@code rules-dmn/schools/<id>/}) first, then the global ones. Evaluation is interpreted (FEEL),
 * needs no compiler, and never throws on data: a failure is a result with a problem.
 */
public final class Decisions {
    private static final Logger LOG = Logger.getLogger(Decisions.class);

    private final Map<String, DmnModels> byScope;

    /** @param byScope the compiled models by scope: "" for global, else the school id */
    public Decisions(Map<String, DmnModels> byScope) {
        this.byScope = byScope; // built once per compile and never changed
    }

    /** A decision's result (null when it has none) and, when it failed, why. */
    public record Outcome(Object result, String problem) {
    }

    /** Why a school's automation cannot use this model, or null when it can. */
    public String modelProblem(String schoolId, String model) {
        return find(schoolId, model) != null ? null
                : "no DMN model named '" + model + "' is loaded for this school; the models are the .dmn files in"
                        + " rules-dmn/ and rules-dmn/schools/" + schoolId + "/" + known(schoolId);
    }

    /** Why a school's automation cannot use this decision, or null when it can. */
    public String problem(String schoolId, String model, String decision) {
        Found found = find(schoolId, model);
        if (found == null) {
            return modelProblem(schoolId, model);
        }
        DecisionNode node = found.model.getDecisionByName(decision);
        if (node == null) {
            return "the DMN model '" + model + "' has no decision named '" + decision + "'; it has: "
                    + found.model.getDecisions().stream().map(DecisionNode::getName).sorted()
                            .collect(Collectors.joining(", "));
        }
        return null;
    }

    /** Evaluates the decision with the fact's user, event and school as inputs. */
    public Outcome evaluate(String schoolId, String model, String decision, EventFact fact) {
        // one lookup: this runs for every decision an event's rules ask for
        Found found = find(schoolId, model);
        if (found == null) {
            return new Outcome(null, modelProblem(schoolId, model));
        }
        if (found.model.getDecisionByName(decision) == null) {
            return new Outcome(null, problem(schoolId, model, decision));
        }
        DMNContext context = found.models.runtime().newContext();
        DecisionInputs.of(fact).forEach(context::set);
        DMNResult result;
        try {
            result = found.models.runtime().evaluateByName(found.model, context, decision);
        } catch (RuntimeException e) {
            // FEEL evaluation reports errors as messages; this guards against an engine bug on odd data
            LOG.warnf("decision %s of model %s for school %s threw: %s", LogText.of(decision), LogText.of(model),
                    LogText.of(schoolId), LogText.of(e));
            return new Outcome(null, failed(decision));
        }
        DMNDecisionResult r = result.getDecisionResultByName(decision);
        if (r == null || r.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            // the engine's messages name its classes and echo the data: the log has them, the run a sentence
            List<DMNMessage> errors = result.getMessages(DMNMessage.Severity.ERROR);
            LOG.infof("decision %s of model %s for school %s failed: %s", LogText.of(decision), LogText.of(model),
                    LogText.of(schoolId), errors.isEmpty() ? "no message" : LogText.of(errors.get(0).getText()));
            return new Outcome(null, failed(decision));
        }
        return new Outcome(r.getResult(), null);
    }

    private static String failed(String decision) {
        return "the decision '" + decision + "' could not be evaluated with this user's data";
    }

    /** The decider the rules of one school use: results only, problems read as "no result". */
    public Decider deciderFor(String schoolId) {
        return (model, decision, fact) -> evaluate(schoolId, model, decision, fact).result();
    }

    private record Found(DmnModels models, DMNModel model) {
    }

    private Found find(String schoolId, String name) {
        for (String scope : new String[] {schoolId, ""}) {
            DmnModels models = scope == null ? null : byScope.get(scope);
            if (models != null) {
                for (DMNModel m : models.runtime().getModels()) {
                    if (m.getName().equals(name)) {
                        return new Found(models, m);
                    }
                }
            }
        }
        return null;
    }

    private String known(String schoolId) {
        String names = Stream.of(schoolId, "").map(byScope::get).filter(Objects::nonNull)
                .flatMap(m -> m.runtime().getModels().stream()).map(DMNModel::getName).sorted().distinct()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? " (there are none)" : " (loaded: " + names + ")";
    }
}
