package com.userautomations.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver for tests: names answer the addresses given, others do not resolve; every look-up is recorded. */
final class FixedResolution implements Resolution {
    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    final List<String> lookedUp = new CopyOnWriteArrayList<>();

    FixedResolution with(String name, String... addresses) {
        names.put(name, java.util.Arrays.stream(addresses).map(FixedResolution::address).toList());
        return this;
    }

    FixedResolution with(String name, InetAddress... addresses) {
        names.put(name, List.of(addresses));
        return this;
    }

    @Override
    public InetAddress[] addresses(String host) throws UnknownHostException {
        lookedUp.add(host);
        List<InetAddress> found = names.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found.toArray(InetAddress[]::new);
    }

    static InetAddress address(String literal) {
        try {
            return AddressRulesTest.asWritten(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
