package com.userautomations.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Random;

/**
 * What the load looks like, in one place: each school's courses, spaces and users, its
 * automations, and the mix of events posted.
 *
 * <p>Automations come in six kinds (by index): tags.added on a pool tag adding a "done" tag
 * (which chains into kind 4); sign-ups from one email domain tagged and emailed; enrollment in
 * a course emailed ({course.title}) and added to a space; a form submission emailed and tagged;
 * the chained "done" tag enrolling in a course (which chains into kind 2); two pool tags held
 * together, for learners only, adding a tag. About half the matching runs queue an email.
 *
 * <p>Events: tags.added 30% (a pool tag plus one new to the user), tags.removed 15%,
 * user.enrolled 20%, form.submitted 15%, user.signed_up 10% (a new user each time),
 * coupon.claimed 10% (matches nothing: the cost of an event that runs nothing). Every event
 * id is unique per run; users are drawn uniformly from the school's seeded users.
 */
final class Workload {
    static final int SPACES = 5;
    static final int DOMAINS = 10;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> schools;
    private final int users;
    private final int sqlUsers;
    private final String runTag;
    /**
     * How many tags, courses and forms a school's automations and events draw from: a sixth of
     * its automations (one per automation of a kind), so that an event of a kind matches about
     * one automation whatever the number of automations, as on a real school.
     */
    private final int pool;

    /** @param sqlUsers users "m0".."m(n-1)" inserted with SQL, user i in school i % schools; half the events pick one */
    Workload(List<String> schools, int usersPerSchool, int sqlUsers, int automations, String runTag) {
        this.schools = schools;
        this.users = usersPerSchool;
        this.sqlUsers = sqlUsers;
        this.runTag = runTag;
        this.pool = Math.max(1, Math.min(200, automations / schools.size() / 6));
    }

    int pool() {
        return pool;
    }

    List<String> schools() {
        return schools;
    }

    static String userId(int i) {
        return "u" + i;
    }

    static String domain(int i) {
        return "corp" + (i % DOMAINS) + ".test";
    }

    ObjectNode user(int i) {
        ObjectNode u = json.createObjectNode();
        u.put("email", "user" + i + "@" + domain(i));
        u.put("firstName", "First" + i);
        u.put("lastName", "Last" + i);
        u.put("role", i % 10 == 0 ? "instructor" : "learner");
        u.put("source", i % 3 == 0 ? "facebook-ads" : "organic");
        u.putArray("tags").add("seed");
        u.putObject("fields").put("company", "Company " + (i % 50)).put("seats", Integer.toString(i % 200));
        return u;
    }

    /** The i-th automation of a school. */
    ObjectNode automation(int i) {
        ObjectNode a = json.createObjectNode();
        a.put("name", "load automation " + i);
        ArrayNode triggers = a.putArray("triggers");
        ArrayNode actions = a.putArray("actions");
        int kind = i % 6;
        int n = i / 6;
        switch (kind) {
            case 0 -> {
                triggers.addObject().put("type", "tags.added").putArray("tags").add(tag(n));
                actions.addObject().put("type", "add_tags").putArray("tags").add("done-" + (n % pool));
            }
            case 1 -> {
                triggers.addObject().put("type", "user.signed_up");
                a.putObject("conditions").putArray("all").addObject().put("type", "email_domain")
                        .putArray("domains").add(domain(n));
                actions.addObject().put("type", "add_tags").putArray("tags").add("b2b-" + (n % DOMAINS));
                email(actions, "Welcome {user.firstName}", "Hello {user.firstName} from {school.name}.");
            }
            case 2 -> {
                triggers.addObject().put("type", "user.enrolled").putArray("courseIds").add(course(n));
                email(actions, "Your course {course.title}", "Dear {user.firstName}, {course.title} is ready.");
                actions.addObject().put("type", "add_to_space").putArray("spaceIds").add("space" + (n % SPACES));
            }
            case 3 -> {
                triggers.addObject().put("type", "form.submitted").putArray("formIds").add(form(n));
                email(actions, "Your ebook", "Here is the link, {user.firstName}: {event.fields.ebook}");
                actions.addObject().put("type", "add_tags").putArray("tags").add("lead-" + form(n));
            }
            case 4 -> {
                triggers.addObject().put("type", "tags.added").putArray("tags").add("done-" + (n % pool));
                actions.addObject().put("type", "enroll").putArray("courseIds").add(course(n));
            }
            default -> {
                triggers.addObject().put("type", "tags.added").putArray("tags").add(tag(n)).add(tag(n + 1));
                a.putObject("conditions").putArray("all").addObject().put("type", "role").putArray("roles").add("learner");
                actions.addObject().put("type", "add_tags").putArray("tags").add("pair-" + (n % pool));
            }
        }
        return a;
    }

    private static void email(ArrayNode actions, String subject, String body) {
        actions.addObject().put("type", "send_email").put("to", "user").put("subject", subject).put("body", body);
    }

    String tag(int n) {
        return "t" + (n % pool);
    }

    String course(int n) {
        return "course" + (n % pool);
    }

    String form(int n) {
        return "form" + (n % pool);
    }

    /** Draws the events of one thread; not thread-safe, one per thread. */
    final class Source {
        private final Random random;
        private final String prefix;
        private long seq;

        Source(long seed, int thread) {
            this.random = new Random(seed * 1_000_003L + thread);
            this.prefix = runTag + "-" + thread + "-";
        }

        /** A school to post to. */
        int school() {
            return random.nextInt(schools.size());
        }

        ObjectNode next(int school) {
            String id = prefix + seq++;
            ObjectNode e = json.createObjectNode();
            e.put("id", id);
            String user = pickUser(school);
            int roll = random.nextInt(100);
            if (roll < 30) {
                e.put("type", "tags.added").put("userId", user);
                e.putArray("tags").add(tag(random.nextInt(pool))).add("x-" + id);
            } else if (roll < 45) {
                e.put("type", "tags.removed").put("userId", user);
                e.putArray("tags").add(tag(random.nextInt(pool))).add("done-" + random.nextInt(pool));
            } else if (roll < 65) {
                e.put("type", "user.enrolled").put("userId", user).put("courseId", course(random.nextInt(pool)));
            } else if (roll < 80) {
                e.put("type", "form.submitted").put("userId", user).put("formId", form(random.nextInt(pool)));
                e.putObject("fields").put("ebook", "https://example.test/ebook/" + random.nextInt(pool));
            } else if (roll < 90) {
                int d = random.nextInt(DOMAINS);
                e.put("type", "user.signed_up").put("userId", "s-" + id);
                e.putObject("user").put("email", "s-" + id + "@" + domain(d)).put("firstName", "New");
            } else {
                e.put("type", "coupon.claimed").put("userId", user).put("couponCode", "BF" + random.nextInt(10));
            }
            return e;
        }

        private String pickUser(int school) {
            int perSchool = sqlUsers / schools.size();
            if (perSchool > 0 && random.nextBoolean()) {
                return "m" + (school + (long) schools.size() * random.nextInt(perSchool));
            }
            return userId(random.nextInt(users));
        }

        byte[] single(int school) {
            return bytes(next(school));
        }

        byte[] batch(int school, int size) {
            ObjectNode b = json.createObjectNode();
            ArrayNode list = b.putArray("events");
            for (int i = 0; i < size; i++) {
                list.add(next(school));
            }
            return bytes(b);
        }
    }

    byte[] bytes(Object node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
