package com.userautomations.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends one plain-text email over SMTP. With no SMTP configured the Quarkus mailer runs in
 * mock mode, which logs the email instead of sending it.
 */
@ApplicationScoped
public class EmailSender {
    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    private final Mailer mailer;
    private final boolean mock;

    public EmailSender(Mailer mailer, @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock) {
        this.mailer = mailer;
        this.mock = mock;
    }

    public void send(String from, String to, String subject, String body) {
        Mail mail = Mail.withText(to, subject, body);
        if (from != null && !from.isBlank()) {
            mail.setFrom(from);
        }
        mailer.send(mail);
        if (mock) {
            LOG.infof("No SMTP configured: email to %s recorded, not sent (subject: %s)", to, subject);
        }
    }
}
