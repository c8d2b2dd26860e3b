/**
 * Carrying out a run's actions (tags, enrollments, emails rendered and queued, waits, decisions)
 * and what the run does next. No tables and no endpoints of its own: it changes users through
 * {@code directory} and queues emails through {@code delivery}, each message paced by the
 * school's send window and frequency cap ({@code Pacing}).
 */
package com.userautomations.actions;
