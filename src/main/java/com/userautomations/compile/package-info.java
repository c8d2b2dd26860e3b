/**
 * Definition to Drools rule ({@code AutomationCompiler}, producing the engine's
 * {@code AutomationRules}) and its DRL rendering ({@code DrlRenderer}). Pure Java: no I/O, no
 * CDI, no tables, no endpoints. Imports the definitions ({@code automation}) and the engine's
 * fact model; nothing imports it but the match path ({@code events}) and the DRL view.
 */
package com.userautomations.compile;
