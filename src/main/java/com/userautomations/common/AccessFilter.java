package com.userautomations.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authentication and tenancy at the edge. The school a request acts on comes from the path
 * and must be the key's own school: any other school answers 404, so keys cannot probe
 * which schools exist. Creating schools needs the operator token.
 */
public class AccessFilter {
    private static final Pattern SCHOOL_PATH = Pattern.compile("^/?api/v1/schools/([^/]+)(/.*)?$");
    private static final Pattern SCHOOLS_ROOT = Pattern.compile("^/?api/v1/schools/?$");
    private static final Pattern RULES = Pattern.compile("^/?api/v1/rules(/.*)?$");
    private static final long SINGLE_BODY_LIMIT = 1024 * 1024;

    private final OperatorToken operatorToken;
    private final ApiKeyLookup keys;

    public AccessFilter(OperatorToken operatorToken, ApiKeyLookup keys) {
        this.operatorToken = operatorToken;
        this.keys = keys;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("api/")) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !path.endsWith(":batch")) {
            try {
                if (Long.parseLong(length.trim()) > SINGLE_BODY_LIMIT) {
                    throw ApiException.tooLarge("The request body is over 1 MiB");
                }
            } catch (NumberFormatException ignored) {
                // the HTTP layer refuses malformed lengths itself
            }
        }
        String bearer = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (bearer == null) {
            throw ApiException.unauthorized("Send Authorization: Bearer <operator token or school API key>");
        }
        Caller caller;
        if (operatorToken.matches(bearer)) {
            caller = new Caller(true, null);
        } else {
            caller = keys.schoolOf(bearer).map(s -> new Caller(false, s))
                    .orElseThrow(() -> ApiException.unauthorized("Unknown API key or token"));
        }
        if (SCHOOLS_ROOT.matcher(path).matches()) {
            if (!caller.operator()) {
                throw ApiException.unauthorized("Only the operator token manages schools");
            }
        } else if (RULES.matcher(path).matches()) {
            // analysts' files hold DRL, which runs as code: never a school's to change or read
            if (!caller.operator()) {
                throw ApiException.unauthorized("Only the operator token manages the analysts' rules");
            }
        } else {
            Matcher m = SCHOOL_PATH.matcher(path);
            if (m.matches() && !caller.mayAct(m.group(1))) {
                throw ApiException.notFound("No such school");
            }
        }
        request.setProperty(Caller.PROPERTY, caller);
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
