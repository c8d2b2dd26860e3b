package com.userautomations.automation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Lookup by wire name, shared by the closed enums. */
final class WireNames {
    private WireNames() {
    }

    static <E extends WireNamed> Optional<E> find(E[] values, String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (E value : values) {
            if (value.wireName().equals(wire)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static String list(WireNamed[] values) {
        return Arrays.stream(values).map(WireNamed::wireName).collect(Collectors.joining(", "));
    }
}
