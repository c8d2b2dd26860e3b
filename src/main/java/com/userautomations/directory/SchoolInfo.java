package com.userautomations.directory;

import java.time.ZoneId;
import java.util.List;

/**
 * What an event needs of its school: names for emails, the current rules version, and when and
 * how often messages may go (its time zone, send window and frequency cap; null when off).
 */
public record SchoolInfo(String id, String name, List<String> adminEmails, String fromEmail, long rulesVersion,
                         ZoneId timezone, SendWindow sendWindow, FrequencyCap frequencyCap) {
}
