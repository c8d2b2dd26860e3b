package com.userautomations.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SchoolTurnsTest {
    @Test
    void schoolsTakeTurnsInACircleAndOneAtItsShareIsPassedOver() {
        SchoolTurns<String> turns = new SchoolTurns<>();
        turns.offer(List.of("c", "a", "b"));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(turns.next(s -> true));
        }
        assertThat(order).containsExactly("a", "b", "c", "a", "b");
        assertThat(turns.next(s -> !s.equals("c"))).isEqualTo("a");
        // a new read keeps the circle going after the last one served
        turns.offer(List.of("a", "b", "d"));
        assertThat(turns.next(s -> true)).isEqualTo("b");
        turns.done("d");
        assertThat(turns.next(s -> true)).isEqualTo("a");
        assertThat(turns.next(s -> Set.of().contains(s))).isNull();
    }

    @Test
    void slotsBoundTheTotalAndEachSchool() {
        SenderSlots slots = new SenderSlots(3, 2, Map.of());
        slots.take("email", "a", "smtp");
        slots.take("email", "a", "smtp");
        assertThat(slots.freeFor("a", "email")).isFalse();
        assertThat(slots.freeFor("b", "email")).isTrue();
        slots.take("email", "b", "smtp");
        assertThat(slots.anyFree()).isFalse();
        assertThat(slots.freeFor("c", "email")).isFalse();
        slots.release("email", "a", "smtp");
        assertThat(slots.freeFor("a", "email")).isTrue();
    }
}
