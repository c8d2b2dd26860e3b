/**
 * Automation definitions (records, closed enums), their validation and versions, and the CRUD
 * service. Owns the tables {@code automations} and {@code automation_versions}, and the column
 * {@code schools.rules_version} (bumped with every change, so other processes see it); other
 * packages read them through {@link com.userautomations.automation.AutomationStore}.
 * Endpoints: {@code /api/v1/schools/{schoolId}/automations[/{id}]}, {@code .../automations/{id}/versions}
 * and {@code .../versions/{version}:restore} (a restore is a PUT of that version's definition).
 */
package com.userautomations.automation;
