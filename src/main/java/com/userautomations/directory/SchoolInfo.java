package com.userautomations.directory;

import java.util.List;

/** What an event needs of its school: names for emails and the current rules version. */
public record SchoolInfo(String id, String name, List<String> adminEmails, String fromEmail, long rulesVersion) {
}
