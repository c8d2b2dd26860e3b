/**
 * What every feature shares: problem+json and error mapping, access (API keys, operator token, the
 * request's school resolved once: {@link com.userautomations.common.RequestSchool}),
 * configuration, the input toolkit (body reader, text rules, query parameters), the SQL helper,
 * edge guards (deadline, slow clients, rate limit). No tables, no endpoints; imports nothing of ours.
 */
package com.userautomations.common;
