package com.userautomations.common;

import java.util.List;

/** A list answer that is not paged: {"items": [...]}. */
public record Items<T>(List<T> items) {
}
