/**
 * The analysts' folder {@code rules-dmn/}: reading it ({@code RuleFiles}), compiling DRL,
 * decision tables and DMN ({@code AnalystCompiler}), the live set and its reloads
 * ({@code LiveAnalystRules}), bounds and health, and the DRL view of an automation. No tables:
 * it owns the folder. Endpoints: {@code /api/v1/rules/{path}} (operator) and
 * {@code /api/v1/schools/{schoolId}/automations/{id}/drl}.
 */
package com.userautomations.analyst;
