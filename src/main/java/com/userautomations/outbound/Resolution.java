package com.userautomations.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name to addresses: the JDK's resolver in the service, a fixed table in tests. */
@FunctionalInterface
public interface Resolution {
    Resolution SYSTEM = InetAddress::getAllByName;

    /** Every A and AAAA address of the name; UnknownHostException when it has none. */
    InetAddress[] addresses(String host) throws UnknownHostException;
}
