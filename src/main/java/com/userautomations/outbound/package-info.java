/**
 * Outgoing calls to URLs someone gave the service (webhook endpoints, web-push services), and
 * the guard against server-side request forgery they all go through: {@link
 * com.userautomations.outbound.OutboundUrls#refusal} checks a URL when it is saved, {@link
 * com.userautomations.outbound.GuardedHttp} checks it again at each call, looks its host up once,
 * checks every address ({@link com.userautomations.outbound.AddressRules}) and connects only to
 * a checked one. Configuration: AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS. No tables, no
 * endpoints; imports only common. The outbox decides when to call and how many at once.
 */
package com.userautomations.outbound;
