package com.userautomations.automation;

import java.util.List;

/** Null-tolerant immutable copies for the definition records. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
