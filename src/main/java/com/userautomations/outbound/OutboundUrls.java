package com.userautomations.outbound;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Placeholder of the outbound package's URL rule, so that push compiles and is tested alone; the
 * real class (with the SSRF checks) replaces this file at merge. Same public shape.
 */
@jakarta.enterprise.context.ApplicationScoped
public class OutboundUrls {
    /** null if the URL may be called, else why not (a plain sentence). */
    public String refusal(String url) {
        if (url == null || url.length() > 2048) {
            return "must be an absolute https URL of at most 2048 characters";
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return "must be an absolute https URL of at most 2048 characters";
            }
            if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return "must not hold a user name, password or fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an absolute https URL of at most 2048 characters";
        }
    }
}
