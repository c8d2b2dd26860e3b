package com.userautomations.automation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The "only if" part: a tree of all / any / not over leaves that read the user and the event. */
public sealed interface Condition {

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** registeredAt strictly before the date. */
    record RegisteredBefore(Instant date) implements Condition {
        public RegisteredBefore {
            Objects.requireNonNull(date, "date");
        }
    }

    /** registeredAt strictly after the date. */
    record RegisteredAfter(Instant date) implements Condition {
        public RegisteredAfter {
            Objects.requireNonNull(date, "date");
        }
    }

    /** The user has every one of the tags. */
    record HasTags(List<String> tags) implements Condition {
        public HasTags {
            tags = List.copyOf(tags);
        }
    }

    /** The user has at least one of the tags. */
    record HasAnyTag(List<String> tags) implements Condition {
        public HasAnyTag {
            tags = List.copyOf(tags);
        }
    }

    /** The user's email domain is one of these (compared lower-cased). */
    record EmailDomain(List<String> domains) implements Condition {
        public EmailDomain {
            domains = List.copyOf(domains);
        }
    }

    record RoleIn(List<Role> roles) implements Condition {
        public RoleIn {
            roles = List.copyOf(roles);
        }
    }

    record SourceIn(List<String> sources) implements Condition {
        public SourceIn {
            sources = List.copyOf(sources);
        }
    }

    /** Enrolled (active or completed) in any of the courses. */
    record EnrolledIn(List<String> courseIds) implements Condition {
        public EnrolledIn {
            courseIds = List.copyOf(courseIds);
        }
    }

    /** Completed any of the courses. */
    record CompletedCourse(List<String> courseIds) implements Condition {
        public CompletedCourse {
            courseIds = List.copyOf(courseIds);
        }
    }

    /** Member of any of the spaces. */
    record InSpace(List<String> spaceIds) implements Condition {
        public InSpace {
            spaceIds = List.copyOf(spaceIds);
        }
    }

    /**
     * A custom field of the user or the event. {@code value} is a JSON scalar as text, null for
     * {@code exists}.
     */
    record Field(String path, FieldOp op, String value) implements Condition {
        public static final String USER_PREFIX = "user.fields.";
        public static final String EVENT_PREFIX = "event.fields.";

        public Field {
            Objects.requireNonNull(op, "op");
            if (!isValidPath(path)) {
                throw new IllegalArgumentException("path must be user.fields.<name> or event.fields.<name>");
            }
            if (op != FieldOp.EXISTS) {
                Objects.requireNonNull(value, "value");
            }
        }

        public static boolean isValidPath(String path) {
            return path != null
                    && (path.startsWith(USER_PREFIX) && path.length() > USER_PREFIX.length()
                            || path.startsWith(EVENT_PREFIX) && path.length() > EVENT_PREFIX.length());
        }

        /** True for user.fields.X, false for event.fields.X. */
        public boolean onUser() {
            return path.startsWith(USER_PREFIX);
        }

        /** The X of user.fields.X / event.fields.X. */
        public String name() {
            return path.substring(onUser() ? USER_PREFIX.length() : EVENT_PREFIX.length());
        }
    }

    /**
     * A DMN decision of the analysts' folder, evaluated with the user, the event and the school as
     * inputs, equals a value. A decision that gives no result, fails, or whose model is no longer
     * loaded does not equal anything.
     */
    record Decision(String model, String decision, DecisionValue equals) implements Condition {
        public Decision {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(equals, "equals");
        }
    }
}
