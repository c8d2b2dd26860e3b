package com.userautomations.packaged;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM for a packaged build started with a fresh data
 * directory, configured as an operator would (QUARKUS_MAILER_*), and the user.inactive scan
 * every second instead of every minute, so a reminder whose moment has passed starts at once.
 */
public class LocalSmtp implements QuarkusTestResourceLifecycleManager {
    private static GreenMail smtp;
    private final EmbeddedDataDir dataDir = new EmbeddedDataDir();

    /** One message as one recipient got it. */
    record Received(String to, String subject, String body) {
    }

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> config = new HashMap<>(dataDir.start());
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort()));
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("automations.inactivity.poll-interval", "1s");
        return config;
    }

    @Override
    public void stop() {
        smtp.stop();
    }

    /** Every message the server accepted for {@code address}, in the order it accepted them. */
    static List<Received> receivedBy(String address) {
        List<Received> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    if (to.toString().equalsIgnoreCase(address)) {
                        out.add(new Received(to.toString(), m.getSubject(), GreenMailUtil.getBody(m).trim()));
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
