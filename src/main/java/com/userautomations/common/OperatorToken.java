package com.userautomations.common;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's bearer token: from the environment, or generated once and kept on disk.
 * Created at start-up so the log says where a generated token is before anyone needs it.
 */
@Startup
@ApplicationScoped
public class OperatorToken {
    private static final Logger LOG = Logger.getLogger(OperatorToken.class);

    private final byte[] token;

    public OperatorToken(AutomationsConfig config) {
        this.token = config.operatorToken().filter(t -> !t.isBlank())
                .orElseGet(() -> storedOrGenerated(Path.of(config.dataDir(), "operator-token").toAbsolutePath().normalize()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String storedOrGenerated(Path file) {
        try {
            if (Files.exists(file)) {
                DataFolder.ensurePrivate(file.getParent());
                DataFolder.narrowFile(file);
                LOG.infof("Operator token read from %s", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            DataFolder.ensurePrivate(file.getParent());
            // created 0600 and empty, then written: the token is never in a file others may read
            if (!DataFolder.createPrivateFile(file)) {
                throw new IOException("appeared while starting");
            }
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            LOG.infof("No AUTOMATIONS_OPERATOR_TOKEN set: generated one and stored it in %s", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the operator token file " + file, e);
        }
    }

    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
