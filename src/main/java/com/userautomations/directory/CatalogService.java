package com.userautomations.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.BodyReader;
import com.userautomations.common.TextRules;
import com.fasterxml.jackson.databind.node.TextNode;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Courses and spaces: synced by the platform, read by automations. */
@ApplicationScoped
public class CatalogService {
    private final Sql sql;
    private final Cursors cursors;

    public CatalogService(Sql sql, Cursors cursors) {
        this.sql = sql;
        this.cursors = cursors;
    }

    public record Saved<T extends CatalogItem>(boolean created, T item) {
    }

    @Transactional
    public <T extends CatalogItem> Saved<T> put(CatalogKind<T> kind, String schoolId, String id, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        if (!TextRules.isId(id)) {
            throw ApiException.invalid("id", TextRules.ID_RULE);
        }
        BodyReader in = new BodyReader(body);
        in.readOnly("id", TextNode.valueOf(id));
        String label = in.line(kind.label, true, 1000);
        Boolean flag = in.bool(kind.flag);
        in.throwIfInvalid();
        boolean value = flag != null && flag;
        Instant now = Instant.now();
        int updated = sql.update("UPDATE " + kind.table + " SET " + kind.label + " = ?, " + kind.flag
                + " = ?, updated_at = ? WHERE school_id = ? AND id = ?", label, value, now, schoolId, id);
        if (updated == 0) {
            sql.update("INSERT INTO " + kind.table + " (school_id, id, " + kind.label + ", " + kind.flag
                    + ", updated_at) VALUES (?, ?, ?, ?, ?)", schoolId, id, label, value, now);
        }
        return new Saved<>(updated == 0, kind.row.of(id, label, value));
    }

    @Transactional
    public <T extends CatalogItem> Page<T> list(CatalogKind<T> kind, String schoolId, String limit, String cursor) {
        String scope = Cursors.scope(kind.table, schoolId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        String after = page.first() ? "" : page.after().get(0);
        List<T> rows = sql.query("SELECT id, " + kind.label + ", " + kind.flag + " FROM "
                        + kind.table + " WHERE school_id = ? AND id > ? ORDER BY id LIMIT ?",
                rs -> kind.row.of(rs.getString(1), rs.getString(2), rs.getBoolean(3)), schoolId, after, page.fetch());
        return cursors.page(rows, page, scope, r -> List.of(r.id()));
    }

    @Transactional
    public <T extends CatalogItem> Optional<T> find(CatalogKind<T> kind, String schoolId, String id) {
        return sql.one("SELECT id, " + kind.label + ", " + kind.flag + " FROM " + kind.table
                        + " WHERE school_id = ? AND id = ?",
                rs -> kind.row.of(rs.getString(1), rs.getString(2), rs.getBoolean(3)), schoolId, id);
    }

    /** A course or space that must exist: 404 ("No such course") otherwise. */
    @Transactional
    public <T extends CatalogItem> T get(CatalogKind<T> kind, String schoolId, String id) {
        return find(kind, schoolId, id).orElseThrow(() -> unknown(kind));
    }

    /** The ids among {@code ids} that the school does not have. */
    public Set<String> missing(CatalogKind<?> kind, String schoolId, Collection<String> ids) {
        Set<String> missing = new TreeSet<>(ids);
        if (ids.isEmpty()) {
            return missing;
        }
        List<String> chunk = new ArrayList<>(ids);
        String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
        Object[] params = new Object[chunk.size() + 1];
        params[0] = schoolId;
        for (int i = 0; i < chunk.size(); i++) {
            params[i + 1] = chunk.get(i);
        }
        sql.query("SELECT id FROM " + kind.table + " WHERE school_id = ? AND id IN (" + marks + ")",
                rs -> rs.getString(1), params).forEach(missing::remove);
        return missing;
    }

    private static ApiException unknown(CatalogKind<?> kind) {
        return ApiException.notFound("No such " + kind.noun);
    }
}
