package com.userautomations.automation;

import com.userautomations.common.TextRules;

/**
 * The page a push opens when the learner clicks it. The learner's browser opens it, not the
 * service, so it is not an outgoing call: an absolute http(s) URL or a path on the school's
 * site, with merge fields allowed (they must be known ones).
 */
final class PushLinks {
    private PushLinks() {
    }

    static String problem(String url) {
        if (TextRules.text(url, DefinitionParser.MAX_PUSH_URL) != null || url.chars().anyMatch(Character::isWhitespace)) {
            return "must be a URL of at most " + DefinitionParser.MAX_PUSH_URL + " characters without spaces";
        }
        boolean absolute = url.startsWith("https://") || url.startsWith("http://");
        boolean path = url.startsWith("/") && !url.startsWith("//");
        if (!absolute && !path) {
            return "must start with https://, http:// or / (a page of the school's site)";
        }
        var unknown = MergeFields.unknownFields(url);
        return unknown.isEmpty() ? null
                : "unknown merge field {" + unknown.get(0) + "}; allowed: " + MergeFields.allowed();
    }
}
