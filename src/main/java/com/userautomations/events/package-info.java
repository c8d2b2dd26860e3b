/**
 * Ingestion: one event or a batch, de-duplication (body hash), state changes, evaluation
 * ({@code RuleBases}: automations compiled and loaded, analysts' rules fired), the loop guard,
 * runs and their waits, flows' conditions and exit goals ({@code StepConditions},
 * {@code WaitingExits}). Owns {@code events}, {@code runs} and {@code run_actions} (a send_email
 * action follows its emails through {@code delivery.EmailSettled}). Endpoints:
 * {@code /api/v1/schools/{schoolId}/events}, {@code /events:batch}, {@code /events/{id}}, {@code /runs}.
 */
package com.userautomations.events;
