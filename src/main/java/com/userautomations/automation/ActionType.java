package com.userautomations.automation;

import java.util.Optional;

/** What an automation does when it runs. */
public enum ActionType implements WireNamed {
    ENROLL("enroll"),
    UNENROLL("unenroll"),
    COMPLETE_COURSES("complete_courses"),
    ADD_TAGS("add_tags"),
    REMOVE_TAGS("remove_tags"),
    ADD_EMAIL_DOMAIN_TAG("add_email_domain_tag"),
    ADD_TO_SPACE("add_to_space"),
    REMOVE_FROM_SPACE("remove_from_space"),
    SEND_EMAIL("send_email"),
    ADD_TAG_FROM_DECISION("add_tag_from_decision"),
    WAIT("wait");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<ActionType> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
