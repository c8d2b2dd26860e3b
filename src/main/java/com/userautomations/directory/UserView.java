package com.userautomations.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

public record UserView(String id, String email, String firstName, String lastName, String role, Instant registeredAt,
                       String source, String timezone, ObjectNode fields, List<String> tags,
                       List<UserState.Enrollment> enrollments, List<String> spaces) {
    public static UserView of(UserState u) {
        return new UserView(u.id(), u.email(), u.firstName(), u.lastName(), u.role(), u.registeredAt(), u.source(),
                u.timezone(), u.fields(), List.copyOf(u.tags()), u.enrollmentList(), List.copyOf(u.spaces()));
    }
}
