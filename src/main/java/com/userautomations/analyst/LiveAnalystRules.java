package com.userautomations.analyst;

import com.userautomations.engine.RuleStopped;
import com.userautomations.common.ApiException;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.engine.RuleBaseRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The analysts' folder (rules-dmn/) and the rules compiled from it. Every change (an upload, a
 * delete, a file edited on disk and noticed by a reload) compiles the whole folder as it would
 * be after the change, and only if everything compiles is the change made and the new set made
 * live in one swap; otherwise what was live keeps running. Start-up is the exception: a folder
 * that does not compile stops it, since there is nothing to keep running.
 *
 * <p>Changes are serialized by one lock: two uploads compiled against the same folder could
 * otherwise each be valid alone and clash together (two rules with one name).
 */
@Startup
@ApplicationScoped
public class LiveAnalystRules {
    private static final Logger LOG = Logger.getLogger(LiveAnalystRules.class);

    /** What a reload did. */
    public enum Reload { UNCHANGED, RELOADED, REFUSED }

    /** What an upload did: created a file or replaced one, and the file as it is now live. */
    public record Uploaded(boolean created, RuleFileView file) {
    }

    private final Path dir;
    private final RuleLimits limits;
    private final ReentrantLock writes = new ReentrantLock();
    private volatile LiveSet live;
    /** The folder a reload last refused, so a broken folder is reported once, not every tick. */
    private Map<String, String> refused;
    /** Why the folder last could not be read at all, for the same reason. */
    private String unreadable;

    public LiveAnalystRules(AutomationsConfig config, RuleLimits limits) {
        this.dir = Path.of(config.rulesDir());
        this.limits = limits;
        this.live = load();
    }

    /** The compiled rules that are live now. */
    public AnalystCompiler.Compiled compiled() {
        return live.compiled();
    }

    /** The DMN decisions live now, for the automations of a school. */
    public Decisions decisions() {
        return live.compiled().decisions();
    }

    public List<RuleFileView> list() {
        return live.views();
    }

    /** The content of a live file. */
    public Optional<RuleFile> file(String path) {
        checkPath(path);
        return live.file(path);
    }

    /** Puts a file in the folder if the whole folder compiles with it; a 422 otherwise. */
    public Uploaded upload(String path, byte[] content) {
        checkPath(path);
        writes.lock();
        try {
            List<RuleFile> files = new ArrayList<>(RuleFiles.read(dir));
            boolean existed = files.removeIf(f -> f.path().equals(path));
            files.add(new RuleFile(path, content));
            files.sort(Comparator.comparing(RuleFile::path));
            AnalystCompiler.Compiled compiled = compileOrRefuse(files);
            try {
                RuleFiles.write(dir, path, content);
            } catch (IOException e) {
                compiled.rules().close();
                throw new UncheckedIOException("cannot write " + path + " in the rules folder", e);
            }
            swap(new LiveSet(compiled, files));
            LOG.infof("Rules file %s %s; %d analysts' rules are live", path, existed ? "replaced" : "added",
                    compiled.ruleCount());
            return new Uploaded(!existed, live.view(path).orElseThrow());
        } finally {
            writes.unlock();
        }
    }

    /** Removes a file if the rest of the folder compiles without it; false when there is no such file. */
    public boolean delete(String path) {
        checkPath(path);
        writes.lock();
        try {
            List<RuleFile> files = new ArrayList<>(RuleFiles.read(dir));
            if (!files.removeIf(f -> f.path().equals(path))) {
                return false;
            }
            AnalystCompiler.Compiled compiled = compileOrRefuse(files);
            try {
                RuleFiles.delete(dir, path);
            } catch (IOException e) {
                compiled.rules().close();
                throw new UncheckedIOException("cannot delete " + path + " from the rules folder", e);
            }
            swap(new LiveSet(compiled, files));
            LOG.infof("Rules file %s deleted; %d analysts' rules are live", path, compiled.ruleCount());
            return true;
        } finally {
            writes.unlock();
        }
    }

    /**
     * Re-reads the folder and, when a file's content changed, makes it live if it compiles; a
     * folder that does not compile is logged (every problem with its file, line and column) and
     * what was live keeps running.
     */
    public Reload reload() {
        writes.lock();
        try {
            List<RuleFile> files;
            try {
                files = RuleFiles.read(dir);
            } catch (RuleFilesRefused | UncheckedIOException e) {
                if (!String.valueOf(e.getMessage()).equals(unreadable)) {
                    LOG.errorf("The rules folder %s cannot be read; the live rules keep running: %s",
                            dir.toAbsolutePath(), e.getMessage());
                }
                unreadable = String.valueOf(e.getMessage());
                return Reload.REFUSED;
            }
            unreadable = null;
            Map<String, String> fingerprint = LiveSet.fingerprint(files);
            if (fingerprint.equals(live.fingerprint())) {
                refused = null;
                return Reload.UNCHANGED;
            }
            if (fingerprint.equals(refused)) {
                return Reload.REFUSED;
            }
            AnalystCompiler.Compiled compiled;
            try {
                compiled = compile(files);
                tryOut(compiled);
            } catch (RuleFilesRefused e) {
                refused = fingerprint;
                LOG.errorf("The analysts' rules in %s changed but do not load; the previous rules keep running "
                        + "until they are fixed.%n%s", dir.toAbsolutePath(), e.getMessage());
                return Reload.REFUSED;
            }
            refused = null;
            swap(new LiveSet(compiled, files));
            LOG.infof("Reloaded %d analysts' rules from %d files in %s", compiled.ruleCount(), files.size(),
                    dir.toAbsolutePath());
            return Reload.RELOADED;
        } finally {
            writes.unlock();
        }
    }

    /** The new set is live for the next evaluation; the old one's idle sessions are disposed. */
    private void swap(LiveSet next) {
        LiveSet old = live;
        live = next;
        old.compiled().rules().close();
    }

    private static void checkPath(String path) {
        String problem = RulePath.problem(path);
        if (problem != null) {
            throw ApiException.invalid("path", problem);
        }
    }

    private AnalystCompiler.Compiled compileOrRefuse(List<RuleFile> files) {
        try {
            AnalystCompiler.Compiled compiled = compile(files);
            tryOut(compiled);
            return compiled;
        } catch (RuleFilesRefused e) {
            throw ApiException.invalidWith(e.errors().size() == 1 ? e.errors().get(0).toString()
                    : e.errors().size() + " problems in the analysts' rules; nothing was changed", e.errors());
        }
    }

    private static AnalystCompiler.Compiled compile(List<RuleFile> files) {
        return AnalystCompiler.compile(files, RuleBaseRegistry.DEFAULT_IDLE_SESSIONS_PER_SCHOOL);
    }

    /**
     * Fires the compiled rules on the trial events ({@link TrialEvents}) within the bounds; a rule
     * over them refuses the whole set, at its file, as a compile error would (the set is closed).
     */
    private void tryOut(AnalystCompiler.Compiled compiled) {
        Decisions decisions = compiled.decisions();
        try {
            compiled.rules().tryOut(school -> TrialEvents.of(school, (model, decision, fact) ->
                    decisions.evaluate(fact.getSchoolId(), model, decision, fact).result()), limits.threads());
        } catch (RuleStopped e) {
            compiled.rules().close();
            throw new RuleFilesRefused(List.of(new RuleFileError(e.file() == null ? "rules" : e.file(), 0, 0,
                    e.getMessage() + " on a trial event (one of each type, for a made-up learner)")));
        }
    }

    /** Compiles the folder at start-up; a broken file throws, which stops start-up. */
    private LiveSet load() {
        long start = System.nanoTime();
        List<RuleFile> files;
        AnalystCompiler.Compiled compiled;
        try {
            files = RuleFiles.read(dir);
            compiled = compile(files);
            tryOut(compiled);
        } catch (RuleFilesRefused e) {
            LOG.errorf("The analysts' rules in %s do not load; the service does not start until they are fixed.%n%s",
                    dir.toAbsolutePath(), e.getMessage());
            throw e;
        }
        if (compiled.files().isEmpty()) {
            LOG.infof("No analysts' rules in %s", dir.toAbsolutePath());
        } else {
            LOG.infof("Loaded %d analysts' rules from %d files in %s in %d ms", compiled.ruleCount(),
                    compiled.files().size(), dir.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000);
        }
        return new LiveSet(compiled, files);
    }
}
