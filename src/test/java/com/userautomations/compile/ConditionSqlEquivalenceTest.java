package com.userautomations.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.automation.Condition;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.Role;
import com.userautomations.common.Sql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.events.UserFacts;
import com.userautomations.preview.MatchingUsers;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The impact preview's SQL means what the compiled predicate means: over generated condition
 * trees (those of the DRL equivalence test, event fields and decisions included) and generated
 * users in the test database, the count the preview gives (one COUNT, or the SQL superset
 * narrowed by the predicate) equals the number of users {@link AutomationCompiler#stepCondition}
 * accepts on a fact of that user without an event.
 */
@QuarkusTest
class ConditionSqlEquivalenceTest {
    private static final int USERS = 400;
    private static final int TREES = 600;
    private static final List<String> EMAILS = List.of("a@corp.test", "b@CORP.TEST", "c@edu.test", "d@ταγ.test",
            "e@ΤΑΓ.test", "f@x@corp.test", "g@corp.test.evil", "noat", "h@corp_test", "i@other.test");
    private static final List<String> STATUSES = List.of("active", "completed", "unenrolled");
    private static final List<Instant> AROUND = List.of(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00.000001Z"), Instant.parse("2025-12-31T23:59:59.999999Z"),
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-15T10:00:00Z"),
            Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

    @Inject
    UserStore users;
    @Inject
    Sql sql;
    @Inject
    SchoolService schools;
    @Inject
    MatchingUsers matching;

    @Test
    void theSqlCountEqualsWhatThePredicateAccepts() {
        School s = School.create("sqleq");
        Random random = new Random(20261206L);
        for (int i = 0; i < USERS; i++) {
            insertUser(s.id(), String.format("u%04d", i), random);
        }
        // another school's users under the same ids, with other memberships: never counted
        School other = School.create("sqleqo");
        Random otherRandom = new Random(7L);
        for (int i = 0; i < USERS; i += 2) {
            insertUser(other.id(), String.format("u%04d", i), otherRandom);
        }
        SchoolInfo school = schools.info(s.id()).orElseThrow();
        List<UserState> all = everyone(s.id());
        assertThat(all).hasSize(USERS);

        RandomAutomations trees = new RandomAutomations(20261206L);
        List<Condition> cases = new ArrayList<>(fixed());
        for (int i = 0; i < TREES; i++) {
            cases.add(trees.condition());
        }
        int exact = 0;
        int nonTrivial = 0;
        for (Condition tree : cases) {
            Predicate<com.userautomations.engine.EventFact> p = AutomationCompiler.stepCondition(tree);
            long expected = all.stream()
                    .filter(u -> p.test(UserFacts.of(school, u).useDecider(RandomAutomations.DECIDER))).count();
            long actual = matching.count(school, tree, RandomAutomations.DECIDER);
            assertThat(actual).as("%s", tree == null ? "no conditions" : com.userautomations.automation.DefinitionJson.condition(tree))
                    .isEqualTo(expected);
            if (ConditionSql.of("s", tree).exact()) {
                exact++;
            }
            if (expected > 0 && expected < USERS) {
                nonTrivial++;
            }
        }
        // the generators reach both paths, and trees that split the users
        assertThat(exact).isGreaterThan(100);
        assertThat(cases.size() - exact).isGreaterThan(100);
        assertThat(nonTrivial).isGreaterThan(cases.size() / 3);
    }

    @Test
    void valuesAreBoundNeverWritten() {
        ConditionSql.Filter f = ConditionSql.of("s1", new Condition.All(List.of(
                new Condition.HasTags(List.of("x' OR '1'='1")),
                new Condition.EmailDomain(List.of("%")),
                new Condition.SourceIn(List.of("'; DROP TABLE users; --")))));
        assertThat(f.sql()).doesNotContain("'1'='1", "DROP", "%");
        assertThat(f.params()).containsExactly("s1", "x' OR '1'='1", "%@!%", "'; DROP TABLE users; --");
        assertThat(f.exact()).isTrue();
    }

    /** A tree within the definition limits that would bind too many parameters: every user, then the predicate. */
    @Test
    void aTreeBindingTooManyValuesFallsBackToThePredicate() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tags.add("tag" + i);
        }
        List<Condition> leaves = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            leaves.add(new Condition.HasAnyTag(tags));
        }
        ConditionSql.Filter f = ConditionSql.of("s1", new Condition.Any(leaves));
        assertThat(f.exact()).isFalse();
        assertThat(f.params()).isEmpty();
        assertThat(ConditionSql.of("s1", new Condition.Any(leaves.subList(0, 200))).params()).hasSize(200 * 101);
    }

    /** Trees at the edges the generator may miss: null, polarity of inexact leaves, empty event. */
    private static List<Condition> fixed() {
        Condition userField = new Condition.Field("user.fields.score", FieldOp.GT, "50");
        Condition eventField = new Condition.Field("event.fields.score", FieldOp.NOT_EQUALS, "1");
        List<Condition> out = new ArrayList<>();
        out.add(null);
        out.add(userField);
        out.add(new Condition.Not(userField));
        out.add(new Condition.Not(new Condition.Not(userField)));
        out.add(new Condition.Any(List.of(new Condition.Not(userField), new Condition.HasTags(List.of("t1")))));
        out.add(eventField);
        out.add(new Condition.Not(eventField));
        out.add(new Condition.Not(new Condition.EmailDomain(List.of("corp.test"))));
        out.add(new Condition.Not(new Condition.SourceIn(List.of("google"))));
        out.add(new Condition.Not(new Condition.RegisteredBefore(Instant.parse("2026-01-01T00:00:00.0000005Z"))));
        out.add(new Condition.RegisteredAfter(Instant.parse("2026-01-01T00:00:00.0000005Z")));
        out.add(new Condition.RoleIn(List.of(Role.LEAD)));
        out.add(new Condition.EmailDomain(List.of("corp_test", "x@corp.test", "ΤΑΓ.test")));
        return out;
    }

    private List<UserState> everyone(String schoolId) {
        List<UserState> out = new ArrayList<>();
        String after = "";
        while (true) {
            List<UserState> page = users.list(schoolId, null, after, 100);
            out.addAll(page);
            if (page.size() < 100) {
                return out;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private void insertUser(String schoolId, String id, Random random) {
        String email = random.nextInt(8) == 0 ? null : pick(random, EMAILS);
        String role = pick(random, List.of(Role.values())).wireName();
        Instant registered = random.nextInt(8) == 0 ? null : pick(random, AROUND);
        String source = random.nextInt(4) == 0 ? null : pick(random, RandomAutomations.SOURCES);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String name : RandomAutomations.FIELD_NAMES) {
            switch (random.nextInt(6)) {
                case 0 -> fields.put(name, pick(random, RandomAutomations.FIELD_VALUES));
                case 1 -> fields.put(name, new BigDecimal(pick(random, List.of("100", "1.0", "99.5", "-5", "2"))));
                case 2 -> fields.put(name, random.nextBoolean());
                case 3 -> fields.putNull(name);
                default -> {
                }
            }
        }
        users.insert(schoolId, id, new UserStore.Profile(email, "F", "L", role, registered, source, null, fields));
        Instant now = Instant.now();
        for (String tag : RandomAutomations.TAGS) {
            if (random.nextInt(4) == 0) {
                sql.update("INSERT INTO user_tags (school_id, user_id, tag, added_at) VALUES (?, ?, ?, ?)",
                        schoolId, id, tag, now);
            }
        }
        for (String course : RandomAutomations.COURSES) {
            if (random.nextInt(3) == 0) {
                sql.update("INSERT INTO enrollments (school_id, user_id, course_id, status, enrolled_at) VALUES (?, ?, ?, ?, ?)",
                        schoolId, id, course, pick(random, STATUSES), now);
            }
        }
        for (String space : RandomAutomations.SPACES) {
            if (random.nextInt(3) == 0) {
                sql.update("INSERT INTO space_members (school_id, user_id, space_id, added_at) VALUES (?, ?, ?, ?)",
                        schoolId, id, space, now);
            }
        }
    }

    private static <T> T pick(Random random, List<T> pool) {
        return pool.get(random.nextInt(pool.size()));
    }
}
