package com.userautomations.actions;

import com.userautomations.automation.Action;
import com.userautomations.analyst.Decisions;
import com.userautomations.analyst.LiveAnalystRules;
import com.userautomations.automation.ActionChecks;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.Condition;
import com.userautomations.automation.Step;
import com.userautomations.automation.StepTree;
import com.userautomations.automation.EmailRecipient;
import com.userautomations.automation.MergeFields;
import com.userautomations.directory.CatalogKind;
import com.userautomations.directory.CourseView;
import com.userautomations.directory.CatalogService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.delivery.EmailBounds;
import com.userautomations.delivery.EmailOutbox;
import com.userautomations.delivery.QueuedEmail;
import com.userautomations.automation.WebhookPayloads;
import com.userautomations.common.JsonBodies;
import com.userautomations.push.PushMessage;
import com.userautomations.push.PushOutbox;
import com.userautomations.push.QueuedPush;
import com.userautomations.webhooks.PlatformEvent;
import com.userautomations.webhooks.WebhookOutbox;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Carries out a run's actions in the event's transaction: directory changes at once (each
 * raising the internal event automations can chain on), emails into the outbox, a wait stops
 * the run until its timer is due.
 */
@ApplicationScoped
public class ActionExecutor {
    private final UserStore users;
    private final CatalogService catalog;
    private final EmailOutbox outbox;
    private final LiveAnalystRules rules;
    private final WebhookOutbox webhooks;
    private final PushOutbox pushes;
    private final Pacing pacing;

    public ActionExecutor(UserStore users, CatalogService catalog, EmailOutbox outbox, LiveAnalystRules rules,
                          WebhookOutbox webhooks, PushOutbox pushes, Pacing pacing) {
        this.webhooks = webhooks;
        this.pacing = pacing;
        this.pushes = pushes;
        this.users = users;
        this.catalog = catalog;
        this.outbox = outbox;
        this.rules = rules;
    }

    /**
     * Runs a flow's steps from {@code from} (the start, or where a waiting run stands) until a
     * wait, an exit, {@code exitWhen} holding (checked before every step; null: never) or the
     * end. {@code holds} evaluates a condition tree on the user as they are at that moment;
     * {@code resume} says how a run waiting at a wait_for goes on (null when it waits at none).
     */
    public Execution execute(ActionContext ctx, List<Step> steps, Condition exitWhen, StepTree.Position from,
                             Resume resume, Instant now, Predicate<Condition> holds) {
        StepTree tree = StepTree.of(steps);
        List<RaisedEvent> raised = new ArrayList<>();
        Execution x = new FlowWalk(tree, exitWhen, holds, n -> run(ctx, tree, n, raised, now), now)
                .walk(from, resume, raised);
        return steps.stream().allMatch(s -> s instanceof Step.Act) ? x.asPlainList() : x;
    }

    /**
     * Carries out actions an analyst rule recorded. They were not validated when saved, so each
     * is checked first (formats as for automations; courses and spaces must exist in the
     * school); one that fails a check is skipped and says why, and the others still run.
     */
    public Execution executeRecorded(ActionContext ctx, List<Action> actions, Instant now) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        List<RaisedEvent> raised = new ArrayList<>();
        StepTree tree = StepTree.of(actions.stream().<Step>map(Step.Act::new).toList());
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String problem = ActionChecks.problem(a);
            if (problem == null) {
                problem = missing(ctx.school().id(), a);
            }
            outcomes.add(problem != null ? new ActionOutcome(i, a.type().wireName(), "skipped", problem)
                    : run(ctx, tree, tree.nodes().get(i), raised, now));
        }
        return new Execution(outcomes, raised, null, null).asPlainList();
    }

    private String missing(String schoolId, Action a) {
        Set<String> courses = a.courseIds().isEmpty() ? Set.of() : catalog.missing(CatalogKind.COURSE, schoolId, a.courseIds());
        if (!courses.isEmpty()) {
            return "no course '" + courses.iterator().next() + "' in this school";
        }
        Set<String> spaces = a.spaceIds().isEmpty() ? Set.of() : catalog.missing(CatalogKind.SPACE, schoolId, a.spaceIds());
        return spaces.isEmpty() ? null : "no space '" + spaces.iterator().next() + "' in this school";
    }

    /** Carries out one action step; its outcome is keyed by the step's number and names its path. */
    private ActionOutcome run(ActionContext ctx, StepTree tree, StepTree.Node n, List<RaisedEvent> raised, Instant now) {
        ActionOutcome o = carryOut(ctx, tree, n, raised, now);
        return new ActionOutcome(o.index(), o.type(), o.status(), o.error(), n.path(), n.index(), null);
    }

    private ActionOutcome carryOut(ActionContext ctx, StepTree tree, StepTree.Node n, List<RaisedEvent> raised,
                                   Instant now) {
        Action a = ((Step.Act) n.step()).action();
        int index = n.number();
        String step = n.path();
        String school = ctx.school().id();
        UserState user = ctx.user();
        String type = a.type().wireName();
        switch (a.type()) {
            case ENROLL -> a.courseIds().forEach(c -> {
                if (users.setEnrollment(school, user, c, "active", now)) {
                    raised.add(RaisedEvent.course(index, step, "user.enrolled", c, null));
                }
            });
            case UNENROLL -> a.courseIds().forEach(c -> {
                UserState.Enrollment e = user.enrollments().get(c);
                if (e != null && users.setEnrollment(school, user, c, "unenrolled", now)) {
                    raised.add(RaisedEvent.course(index, step, "user.unenrolled", c, "admin"));
                }
            });
            case COMPLETE_COURSES -> a.courseIds().forEach(c -> {
                if (users.setEnrollment(school, user, c, "completed", now)) {
                    raised.add(RaisedEvent.course(index, step, "course.completed", c, null));
                }
            });
            case ADD_TAGS -> {
                return addTags(index, step, type, school, user, a.tags(), raised);
            }
            case REMOVE_TAGS -> {
                Set<String> removed = users.removeTags(school, user, a.tags());
                if (!removed.isEmpty()) {
                    raised.add(RaisedEvent.tags(index, step, "tags.removed", Set.of(), removed));
                }
            }
            case ADD_EMAIL_DOMAIN_TAG -> {
                if (user.emailDomain().isEmpty()) {
                    return new ActionOutcome(index, type, "skipped", "the user has no email address");
                }
                String tag = (a.prefix() == null ? "" : a.prefix()) + user.emailDomain();
                // the tag rule of every tag: counted in code points
                String problem = ActionChecks.problem(Action.tags(ActionType.ADD_TAGS, List.of(tag)));
                if (problem != null) {
                    return new ActionOutcome(index, type, "skipped", problem);
                }
                return addTags(index, step, type, school, user, List.of(tag), raised);
            }
            case ADD_TAG_FROM_DECISION -> {
                return tagFromDecision(ctx, index, step, a, raised);
            }
            case ADD_TO_SPACE -> a.spaceIds().forEach(s -> {
                if (users.addToSpace(school, user, s)) {
                    raised.add(RaisedEvent.space(index, step, "space.joined", s));
                }
            });
            case REMOVE_FROM_SPACE -> a.spaceIds().forEach(s -> {
                if (users.removeFromSpace(school, user, s)) {
                    raised.add(RaisedEvent.space(index, step, "space.left", s));
                }
            });
            case SEND_WEBHOOK -> {
                return webhook(ctx, index, step, a, namedCourse(tree, n));
            }
            case SEND_PUSH -> {
                return push(ctx, index, a, namedCourse(tree, n), pacing.now());
            }
            case SEND_EMAIL -> {
                return email(ctx, index, a, namedCourse(tree, n), pacing.now());
            }
            case WAIT -> throw new IllegalStateException("a wait is carried out by execute, not here");
        }
        return new ActionOutcome(index, type, "done", null);
    }

    /** The course an enroll, unenroll or complete_courses the run surely met before this step names. */
    private static String namedCourse(StepTree tree, StepTree.Node n) {
        List<Action> before = tree.actionsBefore(n);
        return MergeFields.courseNamedBefore(before, before.size());
    }

    /** The decision is evaluated now, with the user as the run's earlier actions left them. */
    private ActionOutcome tagFromDecision(ActionContext ctx, int index, String step, Action a, List<RaisedEvent> raised) {
        String type = a.type().wireName();
        Decisions.Outcome outcome = rules.decisions().evaluate(ctx.school().id(), a.model(), a.decision(),
                ctx.fact().get());
        if (outcome.problem() != null) {
            return new ActionOutcome(index, type, "skipped", outcome.problem());
        }
        if (outcome.result() == null) {
            return new ActionOutcome(index, type, "skipped", "the decision '" + a.decision() + "' gave no result");
        }
        if (!(outcome.result() instanceof String text)) {
            return new ActionOutcome(index, type, "skipped", "the decision '" + a.decision()
                    + "' gave a " + kind(outcome.result()) + ", not text");
        }
        String tag = (a.prefix() == null ? "" : a.prefix()) + text;
        String problem = ActionChecks.problem(Action.tags(ActionType.ADD_TAGS, List.of(tag)));
        if (problem != null) {
            return new ActionOutcome(index, type, "skipped", "the decision '" + a.decision() + "' gave a tag that "
                    + "cannot be used: " + problem);
        }
        return addTags(index, step, type, ctx.school().id(), ctx.user(), List.of(tag), raised);
    }

    private static String kind(Object result) {
        if (result instanceof Number) {
            return "number";
        } else if (result instanceof Boolean) {
            return "boolean";
        } else if (result instanceof java.util.Collection) {
            return "list";
        } else if (result instanceof java.util.Map) {
            return "context";
        }
        return "value of another kind";
    }

    /**
     * Adds the tags, or none of them when the user would then hold more than a user may
     * (API.md 1.1: the action is skipped with the reason; the run goes on).
     */
    private ActionOutcome addTags(int index, String step, String type, String school, UserState user, List<String> tags,
                                  List<RaisedEvent> raised) {
        int would = UserStore.tagsWith(user, tags);
        if (would > UserStore.MAX_TAGS) {
            return new ActionOutcome(index, type, "skipped", "the user would hold " + would
                    + " tags; a user holds at most " + UserStore.MAX_TAGS);
        }
        Set<String> added = users.addTags(school, user, tags);
        if (!added.isEmpty()) {
            raised.add(RaisedEvent.tags(index, step, "tags.added", added, Set.of()));
        }
        return new ActionOutcome(index, type, "done", null);
    }

    /** The largest rendered send_webhook body (API.md 1.1): a larger one fails the action, unsent. */
    static final int MAX_WEBHOOK_DATA_BYTES = 64 * 1024;

    /**
     * Queues one automation.webhook delivery to the action's endpoint. The payload's strings are
     * rendered one by one, so merged values stay values; the rendered data is bounded.
     */
    private ActionOutcome webhook(ActionContext ctx, int index, String step, Action a, String namedCourse) {
        String type = a.type().wireName();
        MergeContext merge = merge(ctx, namedCourse);
        JsonNode data = WebhookPayloads.render(a.payload(), t -> MergeFields.render(t, merge::resolve));
        if (JsonBodies.write(data).getBytes(StandardCharsets.UTF_8).length > MAX_WEBHOOK_DATA_BYTES) {
            return new ActionOutcome(index, type, "failed", "the rendered payload is larger than "
                    + MAX_WEBHOOK_DATA_BYTES / 1024 + " KiB");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        data.properties().forEach(e -> details.put(e.getKey(), e.getValue()));
        String skipped = webhooks.publishTo(a.webhookId(), new PlatformEvent("automation.webhook", ctx.school().id(),
                ctx.user().id(), ctx.automationId(), ctx.version(), ctx.runId(), step,
                ctx.rootEventId(), ctx.rootOccurredAt(), details).rootedAt(ctx.jobId(), ctx.trigger()));
        return skipped == null ? new ActionOutcome(index, type, "done", null)
                : new ActionOutcome(index, type, "skipped", skipped);
    }

    /**
     * Queues one push per subscription of the user. The rendered message must fit one push
     * (3,993 bytes of JSON); the action follows its pushes as send_email follows its emails.
     */
    private ActionOutcome push(ActionContext ctx, int index, Action a, String namedCourse, Instant now) {
        String type = a.type().wireName();
        MergeContext merge = merge(ctx, namedCourse);
        // a merged value may hold a line break; a notification's title is one line
        String title = MergeFields.render(a.title(), merge::resolve).replace('\r', ' ').replace('\n', ' ');
        String body = MergeFields.render(a.body(), merge::resolve);
        String url = a.url() == null ? null : MergeFields.render(a.url(), merge::resolve);
        PushMessage message = new PushMessage(title, body, url);
        String tooLarge = message.refusal();
        if (tooLarge != null) {
            return new ActionOutcome(index, type, "failed", tooLarge);
        }
        QueuedPush queued = new QueuedPush(ctx.school().id(), ctx.runId(), index, ctx.user().id(), ctx.automationId(),
                ctx.rootEventId(), message);
        String capped = a.transactional() ? null : pacing.capped(ctx, now);
        if (capped != null) {
            // one message for the cap, however many subscriptions: each shows it was skipped
            return pushes.skip(queued, now, capped) == 0 ? noSubscription(index, type)
                    : new ActionOutcome(index, type, "skipped", capped);
        }
        int count = pushes.queue(queued, now, a.transactional() ? null : pacing.notBefore(ctx, now));
        if (count == 0) {
            return noSubscription(index, type);
        }
        if (!a.transactional()) {
            pacing.count(ctx, index, now);
        }
        return new ActionOutcome(index, type, "pending", null);
    }

    private static ActionOutcome noSubscription(int index, String type) {
        return new ActionOutcome(index, type, "skipped", "the user has no push subscription");
    }

    /** Merge values for a run's templates; the course title is read once, when first asked for. */
    private MergeContext merge(ActionContext ctx, String namedCourse) {
        String[] title = new String[1];
        return new MergeContext(ctx, () -> {
            if (title[0] == null) {
                String course = ctx.eventCourseId() != null ? ctx.eventCourseId() : namedCourse;
                title[0] = course == null ? "" : catalog.find(CatalogKind.COURSE, ctx.school().id(), course)
                        .map(CourseView::title).orElse("");
            }
            return title[0];
        });
    }

    /** {@code namedCourse}: the course {@code {course.title}} reads when the event names none. */
    private ActionOutcome email(ActionContext ctx, int index, Action a, String namedCourse, Instant now) {
        List<String> recipients = switch (a.to()) {
            case USER -> ctx.user().email() == null ? List.of() : List.of(ctx.user().email());
            case ADMINS -> List.copyOf(new LinkedHashSet<>(ctx.school().adminEmails()));
            case ADDRESS -> List.of(a.address());
        };
        if (recipients.isEmpty()) {
            String why = a.to() == EmailRecipient.USER ? "the user has no email address" : "the school has no admin emails";
            return new ActionOutcome(index, "send_email", "skipped", why);
        }
        MergeContext merge = merge(ctx, namedCourse);
        // bounded while rendering: an oversized email fails its action and is never built whole, stored or sent
        Optional<String> subject = MergeFields.render(a.subject(), merge::resolve, MergeFields.Measure.CODE_POINTS,
                EmailBounds.MAX_SUBJECT_CHARS);
        if (subject.isEmpty()) {
            return new ActionOutcome(index, "send_email", "failed", "the rendered subject is longer than "
                    + EmailBounds.MAX_SUBJECT_CHARS + " characters");
        }
        Optional<String> body = MergeFields.render(a.body(), merge::resolve, MergeFields.Measure.UTF8_BYTES,
                EmailBounds.MAX_BODY_BYTES);
        if (body.isEmpty()) {
            return new ActionOutcome(index, "send_email", "failed", "the rendered body is larger than "
                    + EmailBounds.MAX_BODY_BYTES / 1024 + " KiB");
        }
        // a merged value may hold a line break; in a header it would start a header of its own
        String oneLine = subject.get().replace('\r', ' ').replace('\n', ' ');
        List<QueuedEmail> emails = new ArrayList<>();
        for (int r = 0; r < recipients.size(); r++) {
            emails.add(new QueuedEmail(ctx.school().id(), ctx.runId(), index, r, ctx.user().id(), ctx.automationId(),
                    ctx.rootEventId(), recipients.get(r), ctx.school().fromEmail(), oneLine, body.get()));
        }
        // only an email to the run's user is capped and counted; admins and addresses are not
        boolean capped = a.to() == EmailRecipient.USER && !a.transactional();
        String over = capped ? pacing.capped(ctx, now) : null;
        if (over != null) {
            outbox.skip(emails, now, over);
            return new ActionOutcome(index, "send_email", "skipped", over);
        }
        outbox.queue(emails, now, a.transactional() ? null : pacing.notBefore(ctx, now));
        if (capped) {
            pacing.count(ctx, index, now);
        }
        return new ActionOutcome(index, "send_email", "pending", null);
    }
}
