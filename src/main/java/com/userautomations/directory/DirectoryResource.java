package com.userautomations.directory;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
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

import java.util.Map;

/** The directory the platform syncs: courses, spaces, users. */
@Tag(name = "Directory")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class DirectoryResource {
    private final SchoolService schools;
    private final CatalogService catalog;
    private final UserService users;

    public DirectoryResource(SchoolService schools, CatalogService catalog, UserService users) {
        this.schools = schools;
        this.catalog = catalog;
        this.users = users;
    }

    @Operation(summary = "Create or replace a course")
    @PUT
    @Path("/courses/{courseId}")
    public Response putCourse(@PathParam("schoolId") String s, @PathParam("courseId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"title\": \"Intro\", \"paid\": true}")))
            byte[] body) {
        return saved(catalog.put(CatalogKind.COURSE, schools.require(s).id, id, JsonBodies.parseObject(body)));
    }

    @Operation(summary = "Read a course")
    @GET
    @Path("/courses/{courseId}")
    public Map<String, Object> getCourse(@PathParam("schoolId") String s, @PathParam("courseId") String id) {
        return catalog.find(CatalogKind.COURSE, schools.require(s).id, id)
                .orElseThrow(() -> CatalogService.unknown(CatalogKind.COURSE));
    }

    @Operation(summary = "List courses (keyset cursor)")
    @GET
    @Path("/courses")
    public Page<Map<String, Object>> courses(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                                             @QueryParam("cursor") String cursor) {
        return catalog.list(CatalogKind.COURSE, schools.require(s).id, limit, cursor);
    }

    @Operation(summary = "Create or replace a community space")
    @PUT
    @Path("/spaces/{spaceId}")
    public Response putSpace(@PathParam("schoolId") String s, @PathParam("spaceId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"name\": \"Alumni\", \"private\": true}")))
            byte[] body) {
        return saved(catalog.put(CatalogKind.SPACE, schools.require(s).id, id, JsonBodies.parseObject(body)));
    }

    @Operation(summary = "Read a space")
    @GET
    @Path("/spaces/{spaceId}")
    public Map<String, Object> getSpace(@PathParam("schoolId") String s, @PathParam("spaceId") String id) {
        return catalog.find(CatalogKind.SPACE, schools.require(s).id, id)
                .orElseThrow(() -> CatalogService.unknown(CatalogKind.SPACE));
    }

    @Operation(summary = "List spaces (keyset cursor)")
    @GET
    @Path("/spaces")
    public Page<Map<String, Object>> spaces(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        return catalog.list(CatalogKind.SPACE, schools.require(s).id, limit, cursor);
    }

    @Operation(summary = "Create or replace a user (a sync: fires no automation)")
    @PUT
    @Path("/users/{userId}")
    public Response putUser(@PathParam("schoolId") String s, @PathParam("userId") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"email\": \"ann@corp.test\", \"firstName\": \"Ann\", \"lastName\": \"Lee\", \"role\": \"learner\", \"source\": \"facebook-ads\", \"tags\": [\"vip\"], \"fields\": {\"company\": \"Corp\"}}")))
            byte[] body) {
        UserService.Saved saved = users.put(schools.require(s).id, id, JsonBodies.parseObject(body));
        return Response.status(saved.created() ? 201 : 200).entity(saved.user()).build();
    }

    @Operation(summary = "Read a user with tags, enrollments and spaces")
    @GET
    @Path("/users/{userId}")
    public UserView getUser(@PathParam("schoolId") String s, @PathParam("userId") String id) {
        return users.get(schools.require(s).id, id).orElseThrow(() -> ApiException.notFound("No such user"));
    }

    @Operation(summary = "List users, optionally holding a tag (keyset cursor)")
    @GET
    @Path("/users")
    public Page<UserView> users(@PathParam("schoolId") String s, @QueryParam("tag") String tag,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return users.list(schools.require(s).id, tag, limit, cursor);
    }

    private static Response saved(CatalogService.Saved saved) {
        return Response.status(saved.created() ? 201 : 200).entity(saved.item()).build();
    }
}
