package com.userautomations.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into problem+json. Unknown failures are logged with their stack trace
 * and answered with a fixed text: the cause's message may hold SQL or class names. A failure a
 * resend may cure (TransientFailures) is a 503 with Retry-After instead (API.md 1.1): its
 * transaction rolled back, so it changed nothing.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds: a lock wait gives up after 2 s and a restarted database takes about that to answer. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final TransientFailureLog TRANSIENT = new TransientFailureLog();

    /** The 503 of a transient failure; also the whole answer of a batch that met one. */
    public static Response unavailable(Throwable e) {
        TRANSIENT.log(e);
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Problem.of(503, "The database is unavailable for a moment; send the request again", null))
                .build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(e.toProblem());
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = switch (status) {
            case 400 -> "The request could not be read";
            case 401 -> "Missing or unknown credentials";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "Only application/json is produced here";
            case 413 -> "The request body is too large";
            case 415 -> "Send the body as application/json";
            default -> Problem.title(status);
        };
        if (status >= 500 && TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, null)).build();
    }

    /** Vert.x's HttpClosedException (or the connection reset below it) anywhere in the causes. */
    private static boolean closedByClient(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof io.vertx.core.http.HttpClosedException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        if (closedByClient(e)) {
            // the client went away (or was cut off as too slow) while its body was read: no bug,
            // and no one to answer; one line at debug level
            LOG.debugf("the connection closed while the request was read: %s", e.getClass().getSimpleName());
            return Response.status(400).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(400, "The connection closed before the request was read", null)).build();
        }
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            // the HTTP layer's own limit (quarkus.http.limits.max-body-size), above every endpoint's
            // counted one; it has answered 413 and closed the connection already: no bug to log
            return Response.status(413).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(413, "The request body is too large", null)).build();
        }
        LOG.error("unexpected failure", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "The request failed; it has been logged", null)).build();
    }
}
