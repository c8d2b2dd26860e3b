/**
 * An automation's impact preview (API.md 1.1): {@code POST .../automations/{id}:preview}, how
 * many users meet its conditions now and how many of its runs wait. Owns no table: the users are
 * counted by the directory ({@code UserStore}) with the SQL filter the compiler makes of the tree
 * ({@code compile.ConditionSql}), the runs by {@code events.RunStore}. A tree SQL cannot hold
 * exactly (a {@code user.fields.*} or {@code decision} leaf) is narrowed from that filter's
 * superset by the compiled predicate, page by page. Imports {@code automation}, {@code common},
 * {@code compile}, {@code directory}, {@code engine} and {@code events} (ArchitectureTest).
 */
package com.userautomations.preview;
