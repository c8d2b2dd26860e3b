package com.userautomations.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code private} is the wire name; Java keeps it as a word it can use. */
@Schema(name = "Space")
public record SpaceView(String id, String name, @JsonProperty("private") boolean isPrivate) implements CatalogItem {
}
