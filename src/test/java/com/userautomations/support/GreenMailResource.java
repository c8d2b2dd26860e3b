package com.userautomations.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server in the test JVM for the whole test run, behind {@link FlakySmtp} (which
 * passes everything through unless a test tells it to refuse). Free ports, so parallel builds
 * on one machine do not collide; the mailer is pointed at the front.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail greenMail;

    @Override
    public synchronized Map<String, String> start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            FlakySmtp.start(greenMail.getSmtp().getPort());
        }
        return Map.of("quarkus.mailer.port", String.valueOf(FlakySmtp.get().port()));
    }

    @Override
    public void stop() {
        // kept for the whole JVM: several test classes share it
    }

    /** Messages received for one address (addresses are unique per test school). */
    public static List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
