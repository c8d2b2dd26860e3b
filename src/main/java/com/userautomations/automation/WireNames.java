package com.userautomations.automation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Lookup by wire name, shared by the closed enums. */
final class WireNames {
    // one array of lower-case names per enum class, by ordinal: wireName() is read on every
    // rendering and comparison, and must not build a string each time
    private static final ClassValue<String[]> LOWER_CASE = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private WireNames() {
    }

    static String lowerCaseName(Enum<?> value) {
        return LOWER_CASE.get(value.getDeclaringClass())[value.ordinal()];
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
