/**
 * Schools, API keys, users (tags, fields, enrollments, spaces), courses and spaces. Owns
 * {@code schools} (but {@code rules_version}: automation's), {@code api_keys}, {@code courses},
 * {@code spaces}, {@code users}, {@code user_tags}, {@code enrollments}, {@code space_members},
 * {@code cursor_secret} (the key that signs every list's cursors, for {@code common.Cursors}).
 * A school's settings include its send window and frequency cap ({@code SendWindow},
 * {@code FrequencyCap}; changed by {@code PATCH /api/v1/schools/{schoolId}}, {@code SchoolPatch}).
 * Endpoints: {@code /api/v1/schools[/{schoolId}]}, {@code .../api-keys}, {@code .../courses},
 * {@code .../spaces}, {@code .../users}. Imports only {@code common}.
 */
package com.userautomations.directory;
