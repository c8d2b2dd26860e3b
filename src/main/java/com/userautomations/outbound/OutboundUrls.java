package com.userautomations.outbound;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The check of an outgoing URL when it is saved (a webhook endpoint, a push subscription):
 * its shape, and its host's addresses if it has any now. The same rules run again at each send
 * ({@link GuardedHttp}), where the connection goes only to an address checked then.
 */
@ApplicationScoped
public class OutboundUrls {
    private final GuardedResolver resolver;

    public OutboundUrls(GuardedResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @return null if the URL may be called, else why not (a plain sentence): absolute https
     *         (http too when private networks are allowed), at most 2,048 characters, no user
     *         info, no fragment, a valid host; an IP address or every address the name resolves
     *         to globally reachable. A name that resolves to nothing (now) is accepted.
     */
    public String refusal(String url) {
        OutboundTarget target;
        try {
            target = OutboundTarget.parse(url, resolver.privateNetworksAllowed());
        } catch (OutboundTarget.Refused refused) {
            return refused.getMessage();
        }
        HostCheck check = resolver.check(target);
        return check.outcome() == HostCheck.Outcome.REFUSED ? check.reason() : null;
    }
}
