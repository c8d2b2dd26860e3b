package com.userautomations.common;

import java.util.List;

/** A page of a list (API.md 1.1, "Paging"): {"items": [...], "nextCursor": null on the last page}. */
public record Page<T>(List<T> items, String nextCursor) {
}
