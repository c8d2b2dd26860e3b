package com.userautomations.directory;

import com.userautomations.common.ApiException;
import com.userautomations.common.ApiKeyLookup;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

@ApplicationScoped
public class ApiKeyService implements ApiKeyLookup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;

    public ApiKeyService(Sql sql) {
        this.sql = sql;
    }

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
        return sql.one("SELECT school_id FROM api_keys WHERE key_hash = ?", rs -> rs.getString(1), hash(apiKey));
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
