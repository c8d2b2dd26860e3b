package com.userautomations.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * An outgoing URL taken apart the one way every call uses it: the host a connection is made
 * for (Host header, TLS name), the port, and the path with its query. A host written as an IP
 * address is kept as {@link #literal}; any other spelling that looks like a number
 * ({@code 0x7f.1}, {@code 017700000001}, {@code 2130706433}, {@code 127.1}) is refused,
 * since resolvers and browsers read those differently (the JDK reads {@code 0177.0.0.1} as
 * 177.0.0.1, a browser as 127.0.0.1) and no real endpoint is written so.
 */
record OutboundTarget(boolean https, String host, int port, String pathAndQuery, InetAddress literal) {
    static final int MAX_LENGTH = 2048;

    /** A URL that may not be used; the message is a plain sentence. */
    static final class Refused extends Exception {
        Refused(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** The host as the Host header writes it: an IPv6 address in brackets. */
    String headerHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The port as the Host header writes it: -1 (left out) when it is the scheme's default. */
    int headerPort() {
        return port == (https ? 443 : 80) ? -1 : port;
    }

    static OutboundTarget parse(String url, boolean httpAllowed) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("The URL is empty.");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("The URL is longer than 2,048 characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("The URL is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (!uri.isAbsolute() || uri.isOpaque() || !(https || httpAllowed && scheme.equals("http"))) {
            throw new Refused(httpAllowed ? "The URL must be absolute and start with https:// or http://."
                    : "The URL must be absolute and start with https://.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("The URL must not carry a user name or password.");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("The URL must not have a fragment (#...).");
        }
        if (uri.getHost() == null) {
            throw new Refused(uri.getRawAuthority() == null ? "The URL has no host."
                    : "The URL's host is not a valid host name or IP address.");
        }
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new Refused("The URL's port is not between 1 and 65535.");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress literal = null;
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            literal = ipv6(host);
        } else if (looksNumeric(host)) {
            literal = dottedQuad(host);
        } else if (host.length() > 253) {
            throw new Refused("The URL's host name is longer than 253 characters.");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        return new OutboundTarget(https, host, port, query == null ? path : path + "?" + query, literal);
    }

    private static InetAddress ipv6(String text) throws Refused {
        if (text.indexOf('%') >= 0) {
            throw new Refused("The URL's IPv6 address must not name a network interface.");
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            // the JDK hands ::ffff:a.b.c.d back as a.b.c.d; the mapped form is what was written
            return address instanceof Inet4Address
                    ? Inet6Address.getByAddress(null, AddressRules.mapped(address.getAddress()), -1) : address;
        } catch (UnknownHostException e) {
            throw new Refused("The URL's host is not a valid IPv6 address.");
        }
    }

    /** URL parsers take a host whose last label is a number for an IPv4 address (WHATWG URL). */
    private static boolean looksNumeric(String host) {
        String last = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        last = last.substring(last.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x")) {
            return last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static InetAddress dottedQuad(String host) throws Refused {
        String[] parts = host.split("\\.", -1);
        byte[] bytes = new byte[4];
        boolean canonical = parts.length == 4;
        for (int i = 0; canonical && i < 4; i++) {
            String part = parts[i];
            canonical = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9')
                    && (part.length() == 1 || part.charAt(0) != '0') && Integer.parseInt(part) <= 255;
            if (canonical) {
                bytes[i] = (byte) Integer.parseInt(part);
            }
        }
        if (!canonical) {
            throw new Refused("The URL's host is a number but not an IPv4 address written as four decimal parts (a.b.c.d).");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
