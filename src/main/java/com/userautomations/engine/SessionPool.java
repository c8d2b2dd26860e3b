package com.userautomations.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small pool of long-lived sessions (STACK.md: one long-lived session per thread is the fast
 * way to evaluate). A session is used by one thread at a time; one that failed, or belongs to a
 * closed pool, is disposed instead of kept.
 */
final class SessionPool<S> {
    private final Supplier<S> factory;
    private final Consumer<S> disposer;
    private final int maxIdle;
    /** Idle sessions; also the monitor for {@link #closed}. */
    private final Deque<S> idle = new ArrayDeque<>();
    private boolean closed;

    SessionPool(Supplier<S> factory, Consumer<S> disposer, int maxIdle) {
        this.factory = factory;
        this.disposer = disposer;
        this.maxIdle = maxIdle;
    }

    S borrow() {
        synchronized (idle) {
            S session = idle.pollFirst();
            if (session != null) {
                return session;
            }
        }
        return factory.get();
    }

    void giveBack(S session, boolean reusable) {
        synchronized (idle) {
            if (reusable && !closed && idle.size() < maxIdle) {
                idle.addFirst(session);
                return;
            }
        }
        disposer.accept(session);
    }

    /** Disposes the idle sessions; sessions in use are disposed when given back. */
    void close() {
        Collection<S> toDispose;
        synchronized (idle) {
            closed = true;
            toDispose = new ArrayList<>(idle);
            idle.clear();
        }
        toDispose.forEach(disposer);
    }
}
