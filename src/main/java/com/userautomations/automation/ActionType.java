package com.userautomations.automation;

import java.util.Optional;

/** What an automation does when it runs. */
public enum ActionType implements WireNamed {
    ENROLL,
    UNENROLL,
    COMPLETE_COURSES,
    ADD_TAGS,
    REMOVE_TAGS,
    ADD_EMAIL_DOMAIN_TAG,
    ADD_TO_SPACE,
    REMOVE_FROM_SPACE,
    SEND_EMAIL,
    SEND_WEBHOOK,
    SEND_PUSH,
    ADD_TAG_FROM_DECISION,
    WAIT;

    public static Optional<ActionType> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
