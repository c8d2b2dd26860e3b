package com.userautomations.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The directory's bodies as the OpenAPI document names them. Bodies are read with the strict
 * {@link com.userautomations.common.BodyReader} (unknown keys refused at any depth), so these
 * records describe them for the document and for generated clients.
 */
final class DirectorySchemas {
    private DirectorySchemas() {
    }

    @Schema(name = "SchoolRequest")
    record SchoolRequest(@Schema(required = true, description = "1-128 of a-z A-Z 0-9 _ - .") String id,
                         @Schema(required = true) String name,
                         @Schema(description = "IANA time zone; UTC when absent") String timezone,
                         List<String> adminEmails, String fromEmail) {
    }

    @Schema(name = "SchoolPatchRequest", description = "A JSON merge patch (RFC 7396): absent keys keep their value; "
            + "null switches sendWindow or frequencyCap off; id cannot be changed")
    record SchoolPatchRequest(String name, @Schema(description = "IANA time zone; null: UTC") String timezone,
                              List<String> adminEmails, String fromEmail,
                              @Schema(nullable = true) SendWindow sendWindow,
                              @Schema(nullable = true) FrequencyCap frequencyCap) {
    }

    @Schema(name = "CourseRequest")
    record CourseRequest(@Schema(required = true) String title, Boolean paid) {
    }

    @Schema(name = "CoursePage")
    record CoursePage(List<CourseView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "SpaceRequest")
    record SpaceRequest(@Schema(required = true) String name, @JsonProperty("private") Boolean isPrivate) {
    }

    @Schema(name = "SpacePage")
    record SpacePage(List<SpaceView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "UserRequest", description = "enrollments and spaces are read-only: accepted only as stored, "
            + "so a user read with GET can be sent back")
    record UserRequest(String email, String firstName, String lastName,
                       @Schema(enumeration = {"learner", "instructor", "admin", "lead"}) String role,
                       Instant registeredAt, String source, String timezone,
                       @Schema(type = SchemaType.OBJECT, description = "free-form: string, number or boolean values")
                       Map<String, Object> fields,
                       List<String> tags,
                       @Schema(readOnly = true) List<UserState.Enrollment> enrollments,
                       @Schema(readOnly = true) List<String> spaces) {
    }

    @Schema(name = "UserPage")
    record UserPage(List<UserView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Schema(name = "ApiKeyList")
    record ApiKeyList(List<ApiKeyService.KeyView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
