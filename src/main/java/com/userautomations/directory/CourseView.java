package com.userautomations.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Course")
public record CourseView(String id, String title, boolean paid) implements CatalogItem {
}
