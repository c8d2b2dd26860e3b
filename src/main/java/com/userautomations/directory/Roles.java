package com.userautomations.directory;

import java.util.Set;

public final class Roles {
    public static final Set<String> ALL = new java.util.LinkedHashSet<>(java.util.List.of("learner", "instructor", "admin", "lead"));

    private Roles() {
    }
}
