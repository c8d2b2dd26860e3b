package com.userautomations.outbound;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Placeholder for the outbound guard, written in the webhooks branch only so that it compiles:
 * the real class (with the address rules) replaces it at merge.
 */
@jakarta.enterprise.context.ApplicationScoped
public class OutboundUrls {
    /** null if the URL may be called, else why not (a plain sentence). */
    public String refusal(String url) {
        if (url == null || url.length() > 2048) {
            return "The URL must be at most 2048 characters.";
        }
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return "The URL must be an absolute https URL.";
            }
            if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return "The URL must not carry user information or a fragment.";
            }
            if (uri.getHost().matches("\\d+\\.\\d+\\.\\d+\\.\\d+|\\[.*]")) {
                return "The URL must not name a private or reserved address.";
            }
            return null;
        } catch (URISyntaxException e) {
            return "The URL is not a valid URL.";
        }
    }
}
