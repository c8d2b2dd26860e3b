package com.userautomations.timeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of a user's timeline; each item is written from its kind's own view (see {@link TimelineSchemas}). */
@Schema(name = "Timeline")
public record TimelinePage(@Schema(type = SchemaType.ARRAY, implementation = TimelineSchemas.Item.class)
                           List<ObjectNode> items,
                           @Schema(nullable = true, description = "null on the last page") String nextCursor) {
}
