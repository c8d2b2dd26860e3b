package com.userautomations.durable;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free port (not 3025, which the
 * {@code @QuarkusTest} suite uses). Every message it accepted is kept with the time it arrived
 * and the HELO name of the client that sent it, which names the service process (incarnation).
 */
final class SmtpSink implements AutoCloseable {
    private static final Pattern HELO = Pattern.compile("\\(HELO ([^)]*)\\)");

    /** One accepted message for one recipient. */
    record Received(String to, String subject, String body, String helo, Instant at) {
        String key() {
            return to + "|" + subject;
        }
    }

    /** Kept strongly reachable so that its level sticks: GreenMail logs every new mailbox at INFO. */
    private static final java.util.logging.Logger GREENMAIL_LOG = java.util.logging.Logger.getLogger("com.icegreen");

    private final GreenMail greenMail;
    private final int port;
    private final Thread.UncaughtExceptionHandler previousHandler;

    SmtpSink() {
        GREENMAIL_LOG.setLevel(java.util.logging.Level.WARNING);
        // A killed service resets its SMTP connection; GreenMail's connection thread then dies with a
        // stack trace. Expected here: one line instead.
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (t.getName().startsWith("smtp:") && rootCause(e) instanceof java.net.SocketException) {
                System.out.println("SMTP connection " + t.getName() + " dropped: " + rootCause(e));
            } else if (previousHandler != null) {
                previousHandler.uncaughtException(t, e);
            } else {
                e.printStackTrace();
            }
        });
        this.port = ServiceProcess.freePort();
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    int port() {
        return port;
    }

    int count() {
        return greenMail.getReceivedMessages().length;
    }

    List<Received> received() {
        List<Received> out = new ArrayList<>();
        for (StoredMessage m : greenMail.getManagers().getImapHostManager().getAllMessages()) {
            MimeMessage mime = m.getMimeMessage();
            try {
                String helo = null;
                String[] received = mime.getHeader("Received");
                if (received != null && received.length > 0) {
                    Matcher h = HELO.matcher(received[0]);
                    helo = h.find() ? h.group(1) : null;
                }
                String subject = mime.getSubject();
                String body = GreenMailUtil.getBody(mime).trim();
                for (var to : mime.getRecipients(Message.RecipientType.TO)) {
                    out.add(new Received(to.toString(), subject, body, helo, m.getReceivedDate().toInstant()));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Received messages grouped by (recipient, subject). */
    Map<String, List<Received>> byKey() {
        return received().stream().collect(Collectors.groupingBy(Received::key));
    }

    @Override
    public void close() {
        greenMail.stop();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
