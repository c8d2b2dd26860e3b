package com.userautomations.directory;

import com.userautomations.common.CursorSecret;
import com.userautomations.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The cursor-signing key, kept in {@code cursor_secret} (one row): made on first use by
 * whichever process needs it first, in a transaction of its own (so a caller's rollback never
 * takes it back after it was used), and read by all the others.
 */
@ApplicationScoped
public class SignedCursorKey implements CursorSecret {
    private final Sql sql;
    private volatile byte[] key;

    public SignedCursorKey(Sql sql) {
        this.sql = sql;
    }

    @Override
    public byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = QuarkusTransaction.requiringNew().call(this::readOrCreate);
            key = k;
        }
        return k;
    }

    private byte[] readOrCreate() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        sql.update("INSERT INTO cursor_secret (id, secret) VALUES (1, ?) ON CONFLICT DO NOTHING",
                HexFormat.of().formatHex(fresh));
        String stored = sql.one("SELECT secret FROM cursor_secret WHERE id = 1", rs -> rs.getString(1)).orElseThrow();
        return HexFormat.of().parseHex(stored);
    }
}
