package com.userautomations.directory;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.ApiException;
import com.userautomations.common.RequestSchool;
import com.userautomations.common.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The directory the platform syncs: courses, spaces, users. */
@Tag(name = "Directory")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class DirectoryResource {
    private final RequestSchool school;
    private final CatalogService catalog;
    private final UserService users;

    public DirectoryResource(RequestSchool school, CatalogService catalog, UserService users) {
        this.school = school;
        this.catalog = catalog;
        this.users = users;
    }

    @Operation(operationId = "putCourse", summary = "Create or replace a course")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CourseView.class)))
    @APIResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CourseView.class)))
    @PUT
    @Path("/courses/{courseId}")
    public Response putCourse(@PathParam("schoolId") String s, @PathParam("courseId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.CourseRequest.class), examples = @ExampleObject(name = "example", value = "{\"title\": \"Intro\", \"paid\": true}")))
            byte[] body) {
        return saved(catalog.put(CatalogKind.COURSE, school.id(), id, body));
    }

    @Operation(operationId = "getCourse", summary = "Read a course")
    @APIResponse(responseCode = "200", description = "the course", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CourseView.class)))
    @GET
    @Path("/courses/{courseId}")
    public CourseView getCourse(@PathParam("schoolId") String s, @PathParam("courseId") String id) {
        return catalog.get(CatalogKind.COURSE, school.id(), id);
    }

    @Operation(operationId = "listCourses", summary = "List courses (keyset cursor)")
    @APIResponse(responseCode = "200", description = "a page of courses", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.CoursePage.class)))
    @GET
    @Path("/courses")
    public Page<CourseView> courses(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        return catalog.list(CatalogKind.COURSE, school.id(), limit, cursor);
    }

    @Operation(operationId = "putSpace", summary = "Create or replace a community space")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SpaceView.class)))
    @APIResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SpaceView.class)))
    @PUT
    @Path("/spaces/{spaceId}")
    public Response putSpace(@PathParam("schoolId") String s, @PathParam("spaceId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.SpaceRequest.class), examples = @ExampleObject(name = "example", value = "{\"name\": \"Alumni\", \"private\": true}")))
            byte[] body) {
        return saved(catalog.put(CatalogKind.SPACE, school.id(), id, body));
    }

    @Operation(operationId = "getSpace", summary = "Read a space")
    @APIResponse(responseCode = "200", description = "the space", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SpaceView.class)))
    @GET
    @Path("/spaces/{spaceId}")
    public SpaceView getSpace(@PathParam("schoolId") String s, @PathParam("spaceId") String id) {
        return catalog.get(CatalogKind.SPACE, school.id(), id);
    }

    @Operation(operationId = "listSpaces", summary = "List spaces (keyset cursor)")
    @APIResponse(responseCode = "200", description = "a page of spaces", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.SpacePage.class)))
    @GET
    @Path("/spaces")
    public Page<SpaceView> spaces(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        return catalog.list(CatalogKind.SPACE, school.id(), limit, cursor);
    }

    @Operation(operationId = "putUser", summary = "Create or replace a user (a sync: fires no automation)")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @PUT
    @Path("/users/{userId}")
    public Response putUser(@PathParam("schoolId") String s, @PathParam("userId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.UserRequest.class), examples = @ExampleObject(name = "example", value = "{\"email\": \"ann@corp.test\", \"firstName\": \"Ann\", \"lastName\": \"Lee\", \"role\": \"learner\", \"source\": \"facebook-ads\", \"tags\": [\"vip\"], \"fields\": {\"company\": \"Corp\"}}")))
            byte[] body) {
        UserService.Saved saved = users.put(school.id(), id, body);
        return Response.status(saved.created() ? 201 : 200).entity(saved.user()).build();
    }

    @Operation(operationId = "getUser", summary = "Read a user with tags, enrollments and spaces")
    @APIResponse(responseCode = "200", description = "the user", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @GET
    @Path("/users/{userId}")
    public UserView getUser(@PathParam("schoolId") String s, @PathParam("userId") String id) {
        return users.get(school.id(), id).orElseThrow(() -> ApiException.notFound("No such user"));
    }

    @Operation(operationId = "listUsers", summary = "List users, optionally holding a tag (keyset cursor)")
    @APIResponse(responseCode = "200", description = "a page of users", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.UserPage.class)))
    @GET
    @Path("/users")
    public Page<UserView> users(@PathParam("schoolId") String s, @QueryParam("tag") String tag,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return users.list(school.id(), tag, limit, cursor);
    }

    private static Response saved(CatalogService.Saved<?> saved) {
        return Response.status(saved.created() ? 201 : 200).entity(saved.item()).build();
    }
}
