package com.userautomations.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import java.time.Instant;
import java.util.List;

@Schema(name = "User")
public record UserView(String id, String email, String firstName, String lastName, String role, Instant registeredAt,
                       String source, String timezone,
                       @Schema(type = SchemaType.OBJECT, description = "free-form: string, number or boolean values") ObjectNode fields, List<String> tags,
                       List<UserState.Enrollment> enrollments, List<String> spaces,
                       @Schema(nullable = true) Instant lastVisitedAt) {
    public static UserView of(UserState u) {
        return new UserView(u.id(), u.email(), u.firstName(), u.lastName(), u.role(), u.registeredAt(), u.source(),
                u.timezone(), u.fields(), List.copyOf(u.tags()), u.enrollmentList(), List.copyOf(u.spaces()),
                u.lastVisitedAt());
    }
}
