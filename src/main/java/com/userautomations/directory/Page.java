package com.userautomations.directory;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {"items": [...], "nextCursor": ...}. */
public record Page<T>(List<T> items, String nextCursor) {
    /** Rows were fetched with limit + 1, so an extra row means there is a next page. */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), Cursor.encode(id.apply(items.get(limit - 1))));
    }
}
