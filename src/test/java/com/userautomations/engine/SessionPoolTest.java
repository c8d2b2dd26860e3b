package com.userautomations.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reuse, bounds and disposal of pooled sessions, alone and under concurrent use and close. */
class SessionPoolTest {
    private final AtomicInteger created = new AtomicInteger();
    private final Map<Integer, AtomicInteger> disposed = new ConcurrentHashMap<>();

    private SessionPool<Integer> pool(int maxIdle) {
        return new SessionPool<>(created::incrementAndGet,
                s -> disposed.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet(), maxIdle);
    }

    @Test
    void oneThreadKeepsReusingTheSameSession() {
        SessionPool<Integer> pool = pool(4);
        for (int i = 0; i < 10; i++) {
            Integer s = pool.borrow();
            assertThat(s).isEqualTo(1);
            pool.giveBack(s, true);
        }
        assertThat(created).hasValue(1);
        assertThat(disposed).isEmpty();
    }

    @Test
    void keepsAtMostMaxIdleAndDisposesTheRest() {
        SessionPool<Integer> pool = pool(2);
        List<Integer> borrowed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            borrowed.add(pool.borrow());
        }
        borrowed.forEach(s -> pool.giveBack(s, true));

        assertThat(disposed.keySet()).containsExactlyInAnyOrder(3, 4);
        assertThat(List.of(pool.borrow(), pool.borrow())).containsExactlyInAnyOrder(1, 2);
        assertThat(pool.borrow()).isEqualTo(5);
    }

    @Test
    void disposesAFailedSessionAndNoneWithNoIdleSlots() {
        SessionPool<Integer> pool = pool(2);
        pool.giveBack(pool.borrow(), false);
        SessionPool<Integer> none = pool(0);
        none.giveBack(none.borrow(), true);

        assertThat(disposed.keySet()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void closeDisposesIdleSessionsNowAndBusyOnesWhenGivenBack() {
        SessionPool<Integer> pool = pool(4);
        Integer busy = pool.borrow();
        Integer idle = pool.borrow();
        pool.giveBack(idle, true);

        pool.close();
        assertThat(disposed.keySet()).containsExactly(idle);
        pool.giveBack(busy, true);
        assertThat(disposed.keySet()).containsExactlyInAnyOrder(idle, busy);
        pool.giveBack(pool.borrow(), true); // a closed pool still serves, but keeps nothing
        assertThat(disposed).hasSize(3).allSatisfy((s, n) -> assertThat(n).hasValue(1));
    }

    @Test
    void everySessionIsDisposedExactlyOnceUnderConcurrentUseAndClose() throws Exception {
        for (int round = 0; round < 50; round++) {
            created.set(0);
            disposed.clear();
            SessionPool<Integer> pool = pool(2);
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 2_000; i++) {
                        pool.giveBack(pool.borrow(), i % 97 != 0);
                    }
                });
                w.start();
                workers.add(w);
            }
            start.countDown();
            Thread.sleep(round % 3);
            pool.close();
            for (Thread w : workers) {
                w.join();
            }
            assertThat(disposed).hasSize(created.get()).allSatisfy((s, n) -> assertThat(n).hasValue(1));
        }
    }
}
