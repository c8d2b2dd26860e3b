package com.userautomations.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into problem+json. Unknown failures are logged with their stack trace
 * and answered with a fixed text: the cause's message may hold SQL or class names.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail, null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "The request failed; it has been logged", null)).build();
    }
}
