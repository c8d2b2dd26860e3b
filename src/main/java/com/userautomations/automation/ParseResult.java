package com.userautomations.automation;

import com.userautomations.common.FieldError;

import java.util.List;

/** Either a definition (no errors) or the errors that refused it (no definition). */
public record ParseResult(AutomationDefinition definition, List<FieldError> errors) {

    public ParseResult {
        errors = List.copyOf(errors);
        if ((definition == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("exactly one of definition or errors");
        }
    }

    public boolean isValid() {
        return definition != null;
    }
}
