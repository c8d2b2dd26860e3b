package com.userautomations.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStatus;
import com.userautomations.automation.Condition;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.Reentry;
import com.userautomations.automation.Role;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.UserSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrlRendererTest {

    @Test
    void smoke() {
        AutomationDefinition d = new AutomationDefinition("n", AutomationStatus.ACTIVE,
                List.of(new Trigger(TriggerType.TAGS_ADDED, null, null, null, null, List.of("a\u00e9", "b"))),
                new Condition.All(List.of(new Condition.Not(new Condition.HasTags(List.of("x"))),
                        new Condition.Any(List.of(new Condition.RoleIn(List.of(Role.LEARNER)),
                                new Condition.Field("user.fields.n", FieldOp.GT, "99"))),
                        new Condition.RegisteredAfter(Instant.parse("2020-01-01T00:00:00Z")))),
                List.of(Action.tags(ActionType.ADD_TAGS, List.of("z"))), Reentry.EVERY_TIME);
        CompiledAutomation a = new CompiledAutomation("a1", 3, d);
        String drl = DrlRenderer.render(a);
        System.out.println(drl);
        UserSnapshot u = new UserSnapshot("u", "x@y.test", "y.test", "admin", "", Instant.parse("2021-01-01T00:00:00Z"),
                Set.of("a\u00e9", "b"), Set.of(), Set.of(), Set.of(), Map.of("n", "100"));
        EventFact e = EventFact.builder().type("tags.added").tagsAdded(Set.of("b")).user(u).build();
        try (DrlKieBase kb = new DrlKieBase(drl)) {
            assertThat(kb.evaluate(e)).containsExactly(new Match("a1", 3));
        }
    }
}
