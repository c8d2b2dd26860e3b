package com.userautomations.outbound;

import com.userautomations.common.LogText;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One look-up of a host per use, every address it returns checked against {@link AddressRules}
 * (all must pass: a name answering one public and one private address is refused, since the
 * next connection could take either). The caller connects only to the addresses returned, so a
 * name whose answer changes between the check and the connection (DNS rebinding) cannot lead
 * it elsewhere. Look-ups run on a few threads of their own, bounded in time: the JDK's resolver
 * cannot be interrupted, so a slow one costs a thread for a while, never the caller.
 */
@ApplicationScoped
public class GuardedResolver {
    private static final Logger LOG = Logger.getLogger(GuardedResolver.class);
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);
    private static final String NO_ADDRESS = "The URL's host name does not resolve to any address.";
    private static final String NOT_IN_TIME = "The URL's host name could not be resolved in time.";

    private final Resolution resolution;
    private final boolean privateNetworksAllowed;
    private final Duration lookupTimeout;
    private final ThreadPoolExecutor lookups;

    @Inject
    public GuardedResolver(@ConfigProperty(name = "automations.webhooks.allow-private-networks", defaultValue = "false")
                           boolean privateNetworksAllowed) {
        this(Resolution.SYSTEM, privateNetworksAllowed, LOOKUP_TIMEOUT);
    }

    GuardedResolver(Resolution resolution, boolean privateNetworksAllowed, Duration lookupTimeout) {
        this.resolution = resolution;
        this.privateNetworksAllowed = privateNetworksAllowed;
        this.lookupTimeout = lookupTimeout;
        AtomicInteger count = new AtomicInteger();
        this.lookups = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), task -> {
            Thread thread = new Thread(task, "outbound-lookup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        lookups.allowCoreThreadTimeOut(true);
    }

    /** AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: no address rule, and http is allowed. */
    public boolean privateNetworksAllowed() {
        return privateNetworksAllowed;
    }

    /** The addresses a call to the target may connect to; blocks at most the look-up timeout. */
    HostCheck check(OutboundTarget target) {
        return check(target, lookupTimeout);
    }

    HostCheck check(OutboundTarget target, Duration within) {
        return checkLater(target, within).join();
    }

    /**
     * The same without blocking: a literal is checked at once, a name on the look-up threads;
     * the stage always completes, within {@code within} (or the look-up timeout, if shorter).
     */
    CompletableFuture<HostCheck> checkLater(OutboundTarget target, Duration within) {
        if (target.literal() != null) {
            return CompletableFuture.completedFuture(checked(List.of(target.literal()), "The URL's host is "));
        }
        Duration bound = within.compareTo(lookupTimeout) < 0 ? within : lookupTimeout;
        CompletableFuture<InetAddress[]> lookUp;
        try {
            lookUp = CompletableFuture.supplyAsync(() -> {
                try {
                    return resolution.addresses(target.host());
                } catch (UnknownHostException e) {
                    throw new CompletionException(e);
                }
            }, lookups);
        } catch (RejectedExecutionException busy) {
            LOG.warnf("Too many host look-ups waiting; %s not looked up", LogText.of(target.host()));
            return CompletableFuture.completedFuture(HostCheck.unresolved(NOT_IN_TIME));
        }
        return lookUp.orTimeout(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS).handle((addresses, failure) -> {
            if (failure == null) {
                return addresses == null || addresses.length == 0 ? HostCheck.unresolved(NO_ADDRESS)
                        : checked(Arrays.asList(addresses), "The URL's host name resolves to ");
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof UnknownHostException) {
                return HostCheck.unresolved(NO_ADDRESS);
            }
            if (cause instanceof TimeoutException) {
                LOG.infof("Looking up %s took longer than %s ms", LogText.of(target.host()), bound.toMillis());
                return HostCheck.unresolved(NOT_IN_TIME);
            }
            LOG.warnf("Looking up %s failed: %s", LogText.of(target.host()), LogText.of(cause));
            return HostCheck.unresolved(NO_ADDRESS);
        });
    }

    private HostCheck checked(List<InetAddress> addresses, String lead) {
        if (!privateNetworksAllowed) {
            for (InetAddress address : addresses) {
                String reason = AddressRules.refused(address);
                if (reason != null) {
                    return HostCheck.refused(lead + reason + ", which may not be called: only globally reachable addresses may.");
                }
            }
        }
        return HostCheck.usable(addresses);
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }
}
