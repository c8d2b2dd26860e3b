package com.userautomations.analyst;

import java.util.List;
import java.util.stream.Collectors;

/** Analyst files that do not compile: each problem with its file, line and message. */
public class RuleFilesRefused extends RuntimeException {
    private final transient List<RuleFileError> errors;

    public RuleFilesRefused(List<RuleFileError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<RuleFileError> errors() {
        return errors;
    }

    private static String describe(List<RuleFileError> errors) {
        return errors.size() + (errors.size() == 1 ? " problem" : " problems") + " in the analysts' rules:\n  "
                + errors.stream().map(RuleFileError::toString).collect(Collectors.joining("\n  "));
    }
}
