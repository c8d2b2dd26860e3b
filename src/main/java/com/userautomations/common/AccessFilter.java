package com.userautomations.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authentication, tenancy and the rate limit at the edge. The school a request acts on comes
 * from the path and must be the key's own school: any other school answers 404, so keys cannot
 * probe which schools exist. Schools, their API keys and the analysts' rules are the operator's:
 * a school key gets 401 there, whether or not the school exists (a leaked key must not be able
 * to plant keys or revoke the platform's). The path's school is resolved here, once
 * ({@link RequestSchool}), so resources never look it up again.
 */
public class AccessFilter {
    private static final Pattern SCHOOL_PATH = Pattern.compile("^/?api/v1/schools/([^/]+)(/.*)?$");
    private static final Pattern SCHOOLS_ROOT = Pattern.compile("^/?api/v1/schools/?$");
    private static final Pattern API_KEYS = Pattern.compile("^/?api/v1/schools/[^/]+/api-keys(/.*)?$");
    private static final Pattern RULES = Pattern.compile("^/?api/v1/rules(/.*)?$");

    private final OperatorToken operatorToken;
    private final ApiKeyLookup keys;
    private final RateLimits rateLimits;
    private final SchoolLookup schools;
    private final RequestSchool school;

    public AccessFilter(OperatorToken operatorToken, ApiKeyLookup keys, RateLimits rateLimits, SchoolLookup schools,
                        RequestSchool school) {
        this.operatorToken = operatorToken;
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.schools = schools;
        this.school = school;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("api/")) {
            return;
        }
        refuseDeclaredOversize(request, path);
        String bearer = BearerToken.of(request.getHeaderString(HttpHeaders.AUTHORIZATION));
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
        Matcher m = SCHOOL_PATH.matcher(path);
        String pathSchool = m.matches() ? m.group(1) : null;
        if (!caller.operator()) {
            if (SCHOOLS_ROOT.matcher(path).matches()) {
                throw ApiException.unauthorized("Only the operator token manages schools");
            }
            if (API_KEYS.matcher(path).matches()) {
                throw ApiException.unauthorized("Only the operator token manages API keys");
            }
            if (RULES.matcher(path).matches()) {
                // analysts' files hold DRL, which runs as code: never a school's to change or read
                throw ApiException.unauthorized("Only the operator token manages the analysts' rules");
            }
            if (pathSchool != null && !caller.mayAct(pathSchool)) {
                throw ApiException.notFound("No such school");
            }
            rateLimits.take(caller.schoolId());
        } else if (pathSchool != null && !schools.exists(pathSchool)) {
            throw ApiException.notFound("No such school");
        }
        // a key's school exists (api_keys.school_id references it): only the operator's costs a query
        if (pathSchool != null) {
            school.resolve(pathSchool);
        }
        request.setProperty(Caller.PROPERTY, caller);
    }

    /**
     * A declared length over the limit is refused before the body is read. Bodies without one
     * (chunked) are counted as they are read ({@link JsonBodies}, the rules upload).
     */
    private static void refuseDeclaredOversize(ContainerRequestContext request, String path) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return;
        }
        long limit = path.endsWith(":batch") ? JsonBodies.BATCH_LIMIT : JsonBodies.BODY_LIMIT;
        try {
            JsonBodies.refuseOverLimit(Long.parseLong(length.trim()), limit);
        } catch (NumberFormatException ignored) {
            // the HTTP layer refuses malformed lengths itself
        }
    }
}
