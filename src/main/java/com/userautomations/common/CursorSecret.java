package com.userautomations.common;

/**
 * The key that signs paging cursors, the same in every process sharing the database (so a
 * cursor made by one is read by another). Implemented by the table's owner (directory), as
 * {@link ApiKeyLookup} is: common owns no table.
 */
public interface CursorSecret {
    byte[] key();
}
