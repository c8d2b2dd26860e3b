package com.userautomations.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Authorization} header of a push (RFC 8292): {@code vapid t=<JWT>, k=<public key>},
 * the JWT signed ES256 with the VAPID key, for the audience of the push service's origin.
 */
@ApplicationScoped
public class VapidAuthorization {
    /** Push services refuse an exp more than 24 h ahead (RFC 8292 says 24 h; several take 12 h). */
    static final Duration LIFETIME = Duration.ofHours(12).minusMinutes(10);

    private final VapidKeyStore keys;
    private final String subject;

    public VapidAuthorization(VapidKeyStore keys, VapidConfig config,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.keys = keys;
        this.subject = subject(config.subject(), from);
    }

    /** The header for a push to {@code endpoint} now. */
    public String header(String endpoint) {
        return header(keys.keys(), subject, endpoint, Instant.now());
    }

    public String subject() {
        return subject;
    }

    /** The header, as a function of its inputs: the JWT expires {@link #LIFETIME} after {@code now}. */
    public static String header(VapidKeys keys, String subject, String endpoint, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audience(endpoint))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .subject(subject)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the VAPID token", e);
        }
        return "vapid t=" + jwt.serialize() + ", k=" + keys.publicKeyBase64Url();
    }

    /** The origin of the endpoint (RFC 6454): scheme://host, and :port when it is not the scheme's default. */
    public static String audience(String endpoint) {
        URI uri = URI.create(endpoint);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** The configured subject when it is a mailto: or https: URI, else mailto: and the from address. */
    static String subject(Optional<String> configured, Optional<String> from) {
        Optional<String> usable = configured.map(String::strip)
                .filter(s -> s.startsWith("mailto:") || s.startsWith("https:"));
        return usable.orElseGet(() -> "mailto:" + from.map(String::strip).filter(s -> !s.isEmpty())
                .orElse("no-reply@automations.local"));
    }
}
