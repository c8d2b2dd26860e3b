/**
 * Ingestion: one event or a batch, de-duplication (body hash), state changes, evaluation
 * ({@code RuleBases}: automations compiled and loaded, analysts' rules fired), the loop guard,
 * runs and their waits, flows' conditions and exit goals ({@code StepConditions},
 * {@code WaitingExits}), and user.inactive ({@code InactivityScan}: visits start stretches, a
 * scheduled worker starts the runs that fall due). Owns {@code events}, {@code runs},
 * {@code run_actions} and {@code inactivity_watches} (a send_email
 * action follows its emails through {@code delivery.EmailSettled}). Endpoints:
 * {@code /api/v1/schools/{schoolId}/events}, {@code /events:batch}, {@code /events/{id}}, {@code /runs}.
 */
package com.userautomations.events;
