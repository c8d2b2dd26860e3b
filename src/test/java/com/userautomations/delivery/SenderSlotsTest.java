package com.userautomations.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SenderSlotsTest {
    @Test
    void aTargetAtItsChannelsLimitIsFullWhileTheSchoolsOtherTargetsAreNot() {
        SenderSlots slots = new SenderSlots(8, 4, Map.of("webhook", 2, "email", 3));
        slots.take("webhook", "a", "slow");
        slots.take("webhook", "a", "slow");
        assertThat(slots.fullTargets("webhook")).containsExactly("slow");
        assertThat(slots.freeFor("a", "webhook")).isTrue(); // the school may still send to its other endpoints
        // a limit is per channel: the same target name in another channel is another target
        slots.take("email", "b", "slow");
        assertThat(slots.fullTargets("email")).isEmpty();
        slots.take("webhook", "b", "other");
        assertThat(slots.fullTargets("webhook")).containsExactly("slow");
        slots.release("webhook", "a", "slow");
        assertThat(slots.fullTargets("webhook")).isEmpty();
        assertThat(slots.inFlight("webhook", "slow")).isEqualTo(1);
    }

    @Test
    void aSchoolsShareIsPerChannel() {
        SenderSlots slots = new SenderSlots(16, 4, Map.of("webhook", 4, "email", 8));
        for (int i = 0; i < 4; i++) {
            slots.take("webhook", "a", "slow");
        }
        // its slow endpoint has all four it may have: the school's webhooks wait, its emails do not
        assertThat(slots.freeFor("a", "webhook")).isFalse();
        assertThat(slots.freeFor("a", "email")).isTrue();
        assertThat(slots.freeFor("b", "webhook")).isTrue();
        slots.release("webhook", "a", "slow");
        assertThat(slots.freeFor("a", "webhook")).isTrue();
    }

    @Test
    void roomIsTheSmallestOfTheFreeSendersTheSharesAndTheTargetsLimit() {
        SenderSlots slots = new SenderSlots(5, 4, Map.of("webhook", 2));
        assertThat(slots.room("a", "webhook")).isEqualTo(4);
        slots.take("webhook", "a", "t1");
        slots.take("webhook", "b", "t2");
        slots.take("webhook", "b", "t2");
        assertThat(slots.room("a", "webhook")).isEqualTo(2); // 5 senders, 3 busy
        assertThat(slots.targetRoom("webhook", "t1")).isEqualTo(1);
        assertThat(slots.targetRoom("webhook", "t2")).isZero();
        assertThat(slots.targetRoom("email", "smtp")).isEqualTo(Integer.MAX_VALUE); // no limit named
        slots.take("webhook", "a", "t3");
        slots.take("webhook", "a", "t4");
        assertThat(slots.room("a", "webhook")).isZero();
    }

    @Test
    void lanesTakeTurnsBySchoolThenChannel() {
        SchoolTurns<Lane> turns = new SchoolTurns<>();
        turns.offer(List.of(new Lane("webhook", "b"), new Lane("email", "a"), new Lane("email", "b"), new Lane("push", "a")));
        List<Lane> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(turns.next(l -> true));
        }
        assertThat(order).containsExactly(new Lane("email", "a"), new Lane("push", "a"), new Lane("email", "b"),
                new Lane("webhook", "b"), new Lane("email", "a"));
    }
}
