package com.userautomations.outbound;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses an outgoing call may not reach (API.md "Webhooks to the platform", URLs): every
 * range that is not globally reachable, and the IPv6 ranges that embed an IPv4 address, since
 * a gateway or the kernel would turn those into a call to the embedded (possibly private)
 * address. Matching is the JDK's address bytes under a prefix mask: no CIDR library is among
 * the project's vetted dependencies, and a mask over at most 16 bytes is all a table needs.
 */
public final class AddressRules {
    private record Range(byte[] network, int prefix, String reason) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> RANGES = List.of(
            v4("0.0.0.0", 8, "in \"this network\" (0.0.0.0/8)"),
            v4("10.0.0.0", 8, "a private network address (10.0.0.0/8)"),
            v4("100.64.0.0", 10, "a shared (carrier-grade NAT) address (100.64.0.0/10)"),
            v4("127.0.0.0", 8, "a loopback address (127.0.0.0/8)"),
            v4("169.254.0.0", 16, "a link-local address (169.254.0.0/16)"),
            v4("172.16.0.0", 12, "a private network address (172.16.0.0/12)"),
            v4("192.0.0.0", 24, "an IETF protocol address (192.0.0.0/24)"),
            v4("192.168.0.0", 16, "a private network address (192.168.0.0/16)"),
            v4("198.18.0.0", 15, "a benchmarking address (198.18.0.0/15)"),
            v4("224.0.0.0", 4, "a multicast address (224.0.0.0/4)"),
            v4("240.0.0.0", 4, "a reserved address (240.0.0.0/4)"),
            v6("::", 128, "the unspecified address (::)"),
            v6("::1", 128, "the loopback address (::1)"),
            // deprecated IPv4-compatible form: not in the contract's list, but ::a.b.c.d is a.b.c.d to some stacks
            v6("::", 96, "an IPv4-compatible address (::/96)"),
            v6("fc00::", 7, "a unique local address (fc00::/7)"),
            v6("fe80::", 10, "a link-local address (fe80::/10)"),
            v6("ff00::", 8, "a multicast address (ff00::/8)"),
            v6("::ffff:0:0", 96, "an IPv4-mapped address (::ffff:0:0/96)"),
            v6("64:ff9b::", 96, "a NAT64 address (64:ff9b::/96)"),
            v6("2002::", 16, "a 6to4 address (2002::/16)"),
            v6("2001::", 32, "a Teredo address (2001::/32)"));

    private AddressRules() {
    }

    /**
     * @return why the address may not be called, as a phrase ("a loopback address (127.0.0.0/8)"),
     *         or null if it is globally reachable
     */
    public static String refused(InetAddress address) {
        return refused(address.getAddress());
    }

    /** The same for raw bytes: 4 for IPv4, 16 for IPv6 (kept as written, an IPv4-mapped form included). */
    static String refused(byte[] address) {
        for (Range range : RANGES) {
            if (range.contains(address)) {
                return range.reason();
            }
        }
        return null;
    }

    private static Range v4(String network, int prefix, String reason) {
        return new Range(literal(network, 4), prefix, reason);
    }

    private static Range v6(String network, int prefix, String reason) {
        return new Range(literal(network, 16), prefix, reason);
    }

    /** Our own constants only: InetAddress does no lookup for a literal. */
    private static byte[] literal(String text, int length) {
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
        if (bytes.length == length) {
            return bytes;
        }
        // the JDK answers ::ffff:a.b.c.d as the IPv4 address; the table needs it as written
        return mapped(bytes);
    }

    /** The IPv4-mapped IPv6 form (::ffff:a.b.c.d) of an IPv4 address's bytes. */
    static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
