package com.userautomations.engine;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small pool of long-lived sessions (STACK.md: one long-lived session per thread is the fast
 * way to evaluate). A session is used by one thread at a time; one that failed, or belongs to a
 * closed pool, is disposed instead of kept.
 *
 * <p>Lock-free: the idle sessions sit in {@code maxIdle} slots, taken and filled by compare-and-set
 * from the first slot on, so that one thread keeps reusing the same (cache-warm) session. A
 * session is disposed by whoever takes it out of its slot, so never twice.
 */
final class SessionPool<S> {
    private final Supplier<S> factory;
    private final Consumer<S> disposer;
    /** Idle sessions; a null slot is free. */
    private final AtomicReferenceArray<S> idle;
    private volatile boolean closed;

    SessionPool(Supplier<S> factory, Consumer<S> disposer, int maxIdle) {
        this.factory = factory;
        this.disposer = disposer;
        this.idle = new AtomicReferenceArray<>(maxIdle);
    }

    S borrow() {
        for (int i = 0, n = idle.length(); i < n; i++) {
            S session = idle.get(i);
            if (session != null && idle.compareAndSet(i, session, null)) {
                return session;
            }
        }
        return factory.get();
    }

    void giveBack(S session, boolean reusable) {
        if (reusable && !closed) {
            for (int i = 0, n = idle.length(); i < n; i++) {
                if (idle.get(i) == null && idle.compareAndSet(i, null, session)) {
                    if (closed && idle.compareAndSet(i, session, null)) {
                        break; // closed meanwhile, after close() swept this slot: dispose it here
                    }
                    return; // kept (or close() took it out of the slot and disposes it)
                }
            }
        }
        disposer.accept(session);
    }

    /** The sessions idle now (tests: a stopped session must never come back). */
    int idleCount() {
        int n = 0;
        for (int i = 0, len = idle.length(); i < len; i++) {
            n += idle.get(i) == null ? 0 : 1;
        }
        return n;
    }

    /** Disposes the idle sessions; sessions in use are disposed when given back. */
    void close() {
        closed = true;
        for (int i = 0, n = idle.length(); i < n; i++) {
            S session = idle.getAndSet(i, null);
            if (session != null) {
                disposer.accept(session);
            }
        }
    }
}
