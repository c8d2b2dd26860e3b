package com.userautomations.outbound;

import java.net.InetAddress;
import java.util.List;

/**
 * What one look-up of a URL's host found: the addresses a call may connect to (every one
 * checked), a refusal, or no address at all. A name without an address may be saved (it is
 * checked again at each send); at a send it fails the attempt.
 *
 * @param addresses the checked addresses in the resolver's order; empty unless {@link Outcome#USABLE}
 * @param reason    a plain sentence unless {@link Outcome#USABLE}, else null
 */
public record HostCheck(Outcome outcome, List<InetAddress> addresses, String reason) {
    public enum Outcome { USABLE, REFUSED, UNRESOLVED }

    public HostCheck {
        addresses = List.copyOf(addresses);
    }

    static HostCheck usable(List<InetAddress> addresses) {
        return new HostCheck(Outcome.USABLE, addresses, null);
    }

    static HostCheck refused(String sentence) {
        return new HostCheck(Outcome.REFUSED, List.of(), sentence);
    }

    static HostCheck unresolved(String sentence) {
        return new HostCheck(Outcome.UNRESOLVED, List.of(), sentence);
    }

    public boolean usable() {
        return outcome == Outcome.USABLE;
    }
}
