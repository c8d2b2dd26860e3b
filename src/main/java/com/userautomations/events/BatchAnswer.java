package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One result per event of a batch, in order: an {@link EventAnswer} or a
 * {@link com.userautomations.common.Problem}, which share no Java type, hence Object.
 */
@Schema(name = "EventBatchAnswer")
public record BatchAnswer(@Schema(type = SchemaType.ARRAY, implementation = EventSchemas.BatchResult.class,
        description = "one per event, in order") List<Object> results) {
}
