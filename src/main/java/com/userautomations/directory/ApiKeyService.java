package com.userautomations.directory;

import com.userautomations.common.ApiException;
import com.userautomations.common.ApiKeyLookup;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.time.temporal.ChronoUnit;

@ApplicationScoped
public class ApiKeyService implements ApiKeyLookup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Cursors cursors;

    public ApiKeyService(Sql sql, Cursors cursors) {
        this.sql = sql;
        this.cursors = cursors;
    }

    @Schema(name = "IssuedApiKey", description = "the key in clear text, shown once")
    public record IssuedKey(String id, String apiKey) {
    }

    /** Creates a key and returns it in clear text; only its hash is stored. */
    @Transactional
    public IssuedKey issue(String schoolId) {
        String keyId = "key_" + random(9);
        String secret = "ua_" + random(32);
        ApiKey key = new ApiKey();
        key.id = keyId;
        key.schoolId = schoolId;
        key.keyHash = hash(secret);
        key.createdAt = Instant.now();
        key.persist();
        return new IssuedKey(keyId, secret);
    }

    @Transactional
    public void revoke(String schoolId, String keyId) {
        long deleted = ApiKey.delete("id = ?1 and schoolId = ?2", keyId, schoolId);
        if (deleted == 0) {
            throw ApiException.notFound("No API key " + keyId + " in this school");
        }
    }

    /**
     * Every request with a school key asks this, so it is one plain statement on an autocommit
     * connection: no ORM session and no transaction (which cost a BEGIN/COMMIT round trip per
     * request). Not cached: a revoked key must stop working at once, in every process.
     */
    @Override
    public Optional<String> schoolOf(String apiKey) {
        String hash = hash(apiKey);
        Optional<Used> key = sql.one("SELECT school_id, last_used_at FROM api_keys WHERE key_hash = ?",
                rs -> new Used(rs.getString(1), Sql.instant(rs, "last_used_at")), hash);
        key.ifPresent(k -> noteUse(hash, k.lastUsedAt()));
        return key.map(Used::schoolId);
    }

    private record Used(String schoolId, Instant lastUsedAt) {
    }

    /**
     * lastUsedAt is kept to the minute, so a key costs one more statement a minute, not one a
     * request; processes that race write the same minute.
     */
    private void noteUse(String hash, Instant lastUsedAt) {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        if (lastUsedAt == null || lastUsedAt.isBefore(minute)) {
            sql.update("UPDATE api_keys SET last_used_at = ? WHERE key_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    minute, hash, minute);
        }
    }

    @Schema(name = "ApiKey")
    public record KeyView(String id, Instant createdAt, @Schema(nullable = true, description = "to the minute") Instant lastUsedAt) {
    }

    /** A page of the school's keys, by id: never the key or its hash. */
    public Page<KeyView> list(String schoolId, String limit, String cursor) {
        String scope = Cursors.scope("api-keys", schoolId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<KeyView> rows = sql.query("SELECT id, created_at, last_used_at FROM api_keys WHERE school_id = ? AND id > ? "
                        + "ORDER BY id LIMIT ?",
                rs -> new KeyView(rs.getString(1), Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at")),
                schoolId, page.first() ? "" : page.after().get(0), page.fetch());
        return cursors.page(rows, page, scope, k -> List.of(k.id()));
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
