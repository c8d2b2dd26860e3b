package com.userautomations.directory;

/** A course or a space: what paging by id needs of either. */
public sealed interface CatalogItem permits CourseView, SpaceView {
    String id();
}
