package com.userautomations.delivery;

import io.vertx.ext.mail.SMTPException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * An attempt to send an email failed. Its message is a plain sentence fit for an email's stored
 * {@code error} and for /emails (API.md: no class names, hosts or ports in answers); the
 * exception it came from, with those details, is its cause, for the log only.
 */
public final class EmailNotSent extends RuntimeException {
    static final String REFUSED = "the mail server refused the message";
    static final String TIMED_OUT = "the mail server did not answer in time";
    static final String UNREACHABLE = "the mail server could not be reached";
    static final String OTHER = "the email could not be sent";

    private EmailNotSent(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    /** The plain reason for a failure of the mailer, found along its causes. */
    public static EmailNotSent from(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException) {
                return new EmailNotSent(REFUSED, failure);
            }
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new EmailNotSent(TIMED_OUT, failure);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return new EmailNotSent(UNREACHABLE, failure);
            }
        }
        return new EmailNotSent(OTHER, failure);
    }

    /** The deepest cause, as class and message: what the log keeps (through LogText, as it may echo a reply). */
    public String detail() {
        Throwable root = getCause();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
