package com.userautomations.directory;

/**
 * Courses and spaces are the same kind of record (id, a label, a flag). The table and column
 * names come from these two constants, never from a request. A class rather than an enum so that
 * each kind carries the type of its answer: a course is read back as a {@link CourseView}.
 */
public final class CatalogKind<T extends CatalogItem> {
    public static final CatalogKind<CourseView> COURSE =
            new CatalogKind<>("courses", "title", "paid", "course", CourseView::new);
    public static final CatalogKind<SpaceView> SPACE =
            new CatalogKind<>("spaces", "name", "private", "space", SpaceView::new);

    /** Builds the answer from a row's id, label and flag. */
    interface Row<T> {
        T of(String id, String label, boolean flag);
    }

    final String table;
    final String label;
    final String flag;
    final String noun;
    final Row<T> row;

    private CatalogKind(String table, String label, String flag, String noun, Row<T> row) {
        this.table = table;
        this.label = label;
        this.flag = flag;
        this.noun = noun;
        this.row = row;
    }
}
