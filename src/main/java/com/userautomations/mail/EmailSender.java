package com.userautomations.mail;

import com.userautomations.common.LogText;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Sends one plain-text email over SMTP. With no SMTP configured the Quarkus mailer runs in
 * mock mode, which logs the email instead of sending it.
 */
@ApplicationScoped
public class EmailSender {
    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final ReactiveMailer mailer;
    private final boolean mock;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock,
                       @ConfigProperty(name = "automations.outbox.send-timeout", defaultValue = "PT30S") Duration timeout) {
        this.mailer = mailer;
        this.mock = mock;
        this.timeout = timeout;
    }

    /** @throws EmailNotSent when the server refused it, did not answer in time or could not be reached */
    public void send(String from, String to, String subject, String body) {
        Mail mail = Mail.withText(to, subject, body);
        if (from != null && !from.isBlank()) {
            mail.setFrom(from);
        }
        // bounded: a server that never answers must cost one failed attempt, not the worker
        try {
            mailer.send(mail).await().atMost(timeout);
        } catch (RuntimeException failure) {
            throw EmailNotSent.from(failure);
        }
        if (mock) {
            LOG.infof("No SMTP configured: email to %s recorded, not sent (subject: %s)", LogText.of(to),
                    LogText.of(subject));
        }
    }
}
