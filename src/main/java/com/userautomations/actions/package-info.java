/**
 * Carrying out a run's steps (tags, enrollments, emails rendered and queued, waits, decisions,
 * if/else and exit: {@code FlowWalk} over the step tree) and what the run does next. No tables
 * and no endpoints of its own: it changes users through {@code directory} and queues emails
 * through {@code delivery}, each message paced by the school's send window and frequency cap
 * ({@code Pacing}).
 */
package com.userautomations.actions;
