package com.userautomations.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/**
 * Paths such as {@code /events:batch} and {@code /emails/{id}:retry} hold a colon, which many
 * HTTP clients send percent-encoded ({@code %3A}). Routing matches the raw path, so decode it
 * here before matching: both spellings reach the same resource. A NUL in a path is a 404 here.
 */
public class ColonPaths {
    @ServerRequestFilter(preMatching = true)
    public void decodeColons(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && raw.contains("%00")) {
            // no id holds NUL; the database could not even look it up
            throw ApiException.notFound("No such resource");
        }
        if (raw != null && (raw.contains("%3A") || raw.contains("%3a"))) {
            if (raw.contains("%25")) {
                // the rewritten path is decoded once more when matched, so %25 would turn into a bare %
                // (a 500 from the decoder); no id holds a %, so there is no such resource
                throw ApiException.notFound("No such resource");
            }
            String path = raw.replace("%3A", ":").replace("%3a", ":");
            String query = uri.getRawQuery();
            request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                    + (query == null ? "" : "?" + query)));
        }
    }
}
