package com.userautomations.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server in the test JVM, for the whole test run (the mailer points at 127.0.0.1:3025). */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        return Map.of();
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
}
