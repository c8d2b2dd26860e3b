/**
 * Per-school rule bases, pooled sessions, evaluation to matches, and the analysts' rule sets run
 * within their bounds. Pure Java: no tables, no endpoints, no CDI. Takes compiled rules as data
 * ({@link com.userautomations.engine.AutomationRules}) and knows neither the compiler nor the
 * definitions. One exception: the fact model {@code EventFact} records the actions an analyst's
 * rule asks for with the action vocabulary records {@code automation.Action}, {@code ActionType}
 * and {@code EmailRecipient}, so those three may be imported (ArchitectureTest allows exactly them).
 */
package com.userautomations.engine;
