package com.userautomations.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads the analysts' rules fire on, so that the thread that waits for them (a request's)
 * waits at most the time bound, whatever a consequence does. Past the bound the session is
 * halted and the thread interrupted; a thread that still has not come back shortly after is
 * stuck (a consequence in a loop that no halt or interrupt ends). Stuck threads are counted,
 * and with {@code maxStuck} of them no new firing starts: the event fails fast with the same
 * clear error instead of taking one more thread for good.
 *
 * <p>At most {@code maxThreads} firings run at once (a semaphore); a stuck thread gives its slot
 * back, so the pool holds at most {@code 2 * maxThreads + maxStuck} threads, all daemons, so a
 * stuck one never holds the JVM up at shutdown.
 */
public final class RuleThreads implements AutoCloseable {
    /** How long a halted and interrupted thread gets to come back before it counts as stuck. */
    private static final long GRACE_MILLIS = 250;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final FiringBounds bounds;
    private final int maxThreads;
    private final int maxStuck;
    private final Semaphore slots;
    private final AtomicInteger stuck = new AtomicInteger();
    private final ThreadPoolExecutor pool;
    private volatile RuleStopped lastStop;

    public RuleThreads(FiringBounds bounds, int maxThreads, int maxStuck) {
        if (maxThreads < 1 || maxStuck < 1) {
            throw new IllegalArgumentException("maxThreads >= 1 and maxStuck >= 1");
        }
        this.bounds = bounds;
        this.maxThreads = maxThreads;
        this.maxStuck = maxStuck;
        this.slots = new Semaphore(maxThreads);
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = EventFact.class.getClassLoader();
        this.pool = new ThreadPoolExecutor(0, 2 * maxThreads + maxStuck, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "analyst-rules-" + pool + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(loader);
                    return t;
                });
    }

    public FiringBounds bounds() {
        return bounds;
    }

    /** Threads stopped past the time bound that have not come back yet. */
    public int stuck() {
        return stuck.get();
    }

    /**
     * Runs one event's firing and returns what it returns, or throws {@link RuleStopped} once
     * the time bound is over (the firing is halted and its thread interrupted first).
     */
    <T> T run(Firing firing, Supplier<T> work) {
        int nowStuck = stuck.get();
        if (nowStuck >= maxStuck) {
            throw RuleStopped.stuck(nowStuck, lastStop);
        }
        long deadline = System.nanoTime() + bounds.maxTime().toNanos();
        try {
            if (!slots.tryAcquire(bounds.maxTime().toNanos(), TimeUnit.NANOSECONDS)) {
                // every slot was taken by a firing for the whole bound: the rules are what is slow
                throw RuleStopped.busy(maxThreads, bounds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuleStopped.busy(maxThreads, bounds);
        }
        Task<T> task = new Task<>(work);
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            slots.release();
            throw RuleStopped.stuck(stuck.get(), lastStop);
        }
        try {
            if (!task.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                firing.halt();
                RuleStopped stop = firing.overTime(); // read before the interrupt ends the consequence
                task.interrupt();
                if (!task.done.await(GRACE_MILLIS, TimeUnit.MILLISECONDS) && task.markStuck()) {
                    stuck.incrementAndGet();
                }
                throw stopped(stop);
            }
        } catch (InterruptedException e) {
            firing.halt();
            task.interrupt();
            Thread.currentThread().interrupt();
            throw firing.overTime();
        } finally {
            slots.release();
        }
        return task.result();
    }

    private RuleStopped stopped(RuleStopped stop) {
        lastStop = stop;
        return stop;
    }

    /** Ends the idle threads; stuck ones are daemons and end with the JVM. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private final class Task<T> implements Runnable {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int STUCK = 2;

        final CountDownLatch done = new CountDownLatch(1);
        private final Supplier<T> work;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private Thread thread;
        private T value;
        private Throwable failure;

        Task(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            try {
                value = work.get();
            } catch (Throwable t) {
                failure = t;
            } finally {
                synchronized (this) {
                    thread = null; // no interrupt reaches this pool thread from now on
                }
                Thread.interrupted(); // the pool reuses the thread: a late interrupt must not carry over
                if (state.getAndSet(ENDED) == STUCK) {
                    stuck.decrementAndGet();
                }
                done.countDown();
            }
        }

        synchronized void interrupt() {
            if (thread != null) {
                thread.interrupt();
            }
        }

        /** True when the task was still running, and now counts as stuck until it ends. */
        boolean markStuck() {
            return state.compareAndSet(RUNNING, STUCK);
        }

        T result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("the analysts' rules failed", failure);
            }
            return value;
        }
    }
}
