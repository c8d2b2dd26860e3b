package com.userautomations.directory;

/**
 * Courses and spaces are the same kind of record (id, a label, a flag). The table and column
 * names come from this closed enum, never from a request.
 */
public enum CatalogKind {
    COURSE("courses", "title", "paid", "course"),
    SPACE("spaces", "name", "private", "space");

    final String table;
    final String label;
    final String flag;
    final String noun;

    CatalogKind(String table, String label, String flag, String noun) {
        this.table = table;
        this.label = label;
        this.flag = flag;
        this.noun = noun;
    }
}
