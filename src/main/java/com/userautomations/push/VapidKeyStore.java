package com.userautomations.push;

import com.userautomations.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.Optional;

/**
 * The one VAPID key pair of the service: the configured pair (AUTOMATIONS_VAPID_PUBLIC_KEY and
 * _PRIVATE_KEY), else the row of {@code vapid_keys}, made by the first process to start. Read at
 * start-up, so a bad configured pair stops the service before a browser subscribes with its key.
 */
@ApplicationScoped
public class VapidKeyStore {
    private final Sql sql;
    private final VapidConfig config;
    private volatile VapidKeys keys;

    public VapidKeyStore(Sql sql, VapidConfig config) {
        this.sql = sql;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        keys();
    }

    public VapidKeys keys() {
        VapidKeys k = keys;
        if (k == null) {
            k = configured(config.publicKey(), config.privateKey())
                    .orElseGet(() -> QuarkusTransaction.requiringNew().call(this::readOrCreate));
            keys = k;
        }
        return k;
    }

    /**
     * The configured pair, empty when neither key is set.
     *
     * @throws IllegalStateException (start-up fails) when only one is set, either is malformed or they do not match
     */
    static Optional<VapidKeys> configured(Optional<String> publicKey, Optional<String> privateKey) {
        Optional<String> pub = publicKey.map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> priv = privateKey.map(String::strip).filter(s -> !s.isEmpty());
        if (pub.isEmpty() && priv.isEmpty()) {
            return Optional.empty();
        }
        if (pub.isEmpty() || priv.isEmpty()) {
            throw new IllegalStateException("Set both AUTOMATIONS_VAPID_PUBLIC_KEY and AUTOMATIONS_VAPID_PRIVATE_KEY, or neither");
        }
        try {
            return Optional.of(VapidKeys.of(pub.get(), priv.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage()
                    + " (AUTOMATIONS_VAPID_PUBLIC_KEY, AUTOMATIONS_VAPID_PRIVATE_KEY: unpadded base64url of the point and of the scalar)");
        }
    }

    /** Processes starting together each offer a pair; the first insert wins and all read it back. */
    private VapidKeys readOrCreate() {
        VapidKeys fresh = VapidKeys.generate();
        sql.update("INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING",
                fresh.publicKeyBase64Url(), fresh.privateKeyBase64Url(), Instant.now());
        return sql.one("SELECT public_key, private_key FROM vapid_keys WHERE id = 1",
                rs -> VapidKeys.of(rs.getString(1), rs.getString(2))).orElseThrow();
    }
}
