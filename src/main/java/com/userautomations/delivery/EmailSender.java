package com.userautomations.delivery;

import com.userautomations.common.LogText;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
    private final Vertx vertx;
    private final boolean mock;
    private final Duration timeout;
    private volatile Context loop;

    public EmailSender(ReactiveMailer mailer, Vertx vertx, @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock,
                       @ConfigProperty(name = "automations.outbox.send-timeout", defaultValue = "PT30S") Duration timeout) {
        this.mailer = mailer;
        this.vertx = vertx;
        this.mock = mock;
        this.timeout = timeout;
    }

    /** False when no SMTP is configured: emails are then only logged (the mailer's mock mode). */
    public boolean reachesServer() {
        return !mock;
    }

    /**
     * @return true when an SMTP server accepted it, false when no SMTP is configured (the mailer's
     *         mock mode): the email is then only logged, and /emails says it was not delivered
     * @throws EmailNotSent when the server refused it, did not answer in time or could not be reached
     */
    public boolean send(String from, String to, String subject, String body) {
        Mail mail = Mail.withText(to, subject, body);
        if (from != null && !from.isBlank()) {
            mail.setFrom(from);
        }
        // bounded: a server that never answers must cost one failed attempt, not the worker
        try {
            onEventLoop(mailer.send(mail)).await().atMost(timeout);
        } catch (RuntimeException failure) {
            throw EmailNotSent.from(failure);
        }
        if (mock) {
            LOG.infof("No SMTP configured: email to %s recorded, not sent (subject: %s)", LogText.of(to),
                    LogText.of(subject));
        }
        return !mock;
    }

    /**
     * Starts every send on one and the same Vert.x event loop. Started from a plain thread, a send
     * sometimes lost the server's greeting: GreenMail's thread sat in readLine after its 220 while
     * the client never sent EHLO, until the send timed out (CrashIT, TwoProcessesIT, under load).
     * Our reading of the Vert.x mail client: a connection is opened on one event loop and its
     * reader installed from another thread, so a greeting that arrives in between has no reader;
     * and a pooled connection opened on one loop and reused from another meets the same race. On
     * one loop, opening, reading and reuse all happen in order. The sends are non-blocking, so one
     * loop carries the four senders.
     */
    private Uni<Void> onEventLoop(Uni<Void> send) {
        Context loop = context();
        return Uni.createFrom().emitter(done -> loop.runOnContext(v -> send.subscribe().with(
                ok -> done.complete(null), done::fail)));
    }

    private Context context() {
        Context c = loop;
        if (c == null) {
            synchronized (this) {
                if (loop == null) {
                    loop = vertx.getOrCreateContext(); // from a sender thread: a new event-loop context, kept
                }
                c = loop;
            }
        }
        return c;
    }
}
