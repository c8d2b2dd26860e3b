package com.userautomations.push;

/**
 * Sends a prepared push on one channel. The outbox picks the sender by the subscription's
 * channel, calls it outside any transaction, and stores the outcome; a sender never retries,
 * sleeps or touches the database itself. Web push is the first implementation (it builds a
 * {@link WebPushRequest} and posts it through the guarded client, reading the answer with
 * {@link WebPushAnswers}); an FCM or APNs sender implements the same two methods (docs/web-push.md).
 */
public interface PushSender {
    PushChannel channel();

    /** One attempt; any failure is an outcome, never an exception. */
    PushOutcome send(PushSubscription to, PushMessage message);
}
