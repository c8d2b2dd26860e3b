package com.userautomations.common;

/** Who is calling: the operator, or one school through one of its API keys. */
public record Caller(boolean operator, String schoolId) {
    public static final String PROPERTY = "automations.caller";

    public boolean mayAct(String school) {
        return operator || school.equals(schoolId);
    }
}
