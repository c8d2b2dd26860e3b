/**
 * Web push (RFC 8030, 8291, 8292): the service's VAPID key pair ({@code VapidKeyStore}, table
 * {@code vapid_keys}), users' browser subscriptions ({@code PushSubscriptionService}, table
 * {@code push_subscriptions}), message encryption ({@code PushEncryption}) and the request a push
 * is ({@code WebPushRequest}), behind {@code PushSender} so FCM or APNs can be added. Owns the
 * outbox table {@code pushes} (rows written and sent by the outbox mechanism). Endpoints:
 * {@code /api/v1/schools/{id}/push/vapid-public-key}, {@code .../users/{u}/push-subscriptions[/{id}]}.
 * Imports {@code common}, {@code directory} (users exist) and {@code outbound} (the URL rule).
 * Sends nothing itself: the HTTP call goes through the outbound package's guarded client.
 */
package com.userautomations.push;
