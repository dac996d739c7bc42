package io.autoresponder.rules;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Loads the rules file (or directory) at start and keeps it current: every {@code reload-interval} it reads the
 * files again and, when their bytes changed, validates them and swaps the new rules in atomically. A change that
 * does not validate keeps the rules in force and reports every problem with file, line and column (log,
 * {@link #current()}); at start, an invalid or missing file stops the start with the same messages.
 */
@ApplicationScoped
public class RulesLoader {

    /** Most files of a rules directory. */
    static final int MAX_FILES = 100;

    /**
     * How long a change must hold before it is read as final: editors and {@code >} truncate a file and then write
     * it, and a read in between must not swap in a half-written file.
     */
    static final Duration SETTLE = Duration.ofMillis(150);

    private static final Logger LOG = Logger.getLogger(RulesLoader.class);

    private final RulesConfig config;
    private final RulesParser parser;
    private final Clock clock;
    private final Runnable settle;
    private final AtomicReference<LoadedRules> current = new AtomicReference<>();
    private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService reloads;
    private byte[] lastDigest = new byte[0];

    @Inject
    RulesLoader(RulesConfig config, ObjectMapper mapper) {
        this(config, new RulesParser(new Templates(mapper), config.maxDelay()), Clock.systemUTC(),
                RulesLoader::pauseToSettle);
    }

    /** {@code settle} runs between the two reads of a change; a change that does not read the same twice waits. */
    RulesLoader(RulesConfig config, RulesParser parser, Clock clock, Runnable settle) {
        this.config = config;
        this.parser = parser;
        this.clock = clock;
        this.settle = settle;
        current.set(new LoadedRules(RuleSet.EMPTY, clock.instant(), List.of(), List.of()));
    }

    /**
     * Loads the rules when the bean is first used (the rules channel's connector asks for their filters while
     * the application starts), and checks for changes from then on.
     */
    @PostConstruct
    void start() {
        if (config.file().isEmpty()) {
            return;
        }
        load();
        long interval = Math.max(100, config.reloadInterval().toMillis());
        reloads = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "autoresponder-rules-reload");
            thread.setDaemon(true);
            return thread;
        });
        reloads.scheduleWithFixedDelay(this::reloadQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the rules for the first time.
     *
     * @throws IllegalStateException naming every problem, when the files are missing, unreadable or invalid
     */
    void load() {
        Snapshot files = read();
        if (!files.problems().isEmpty()) {
            throw new IllegalStateException(new InvalidRulesException(files.problems()).getMessage());
        }
        LoadedRules loaded = parse(files);
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException(new InvalidRulesException(loaded.problems()).getMessage());
        }
        lastDigest = files.digest();
        current.set(loaded);
        LOG.infof("Loaded %d rules from %s", loaded.rules().rules().size(), String.join(", ", loaded.files()));
    }

    /**
     * Reads the files again and swaps in their rules if they changed, read the same once more after
     * {@link #SETTLE}, and are valid. A change still being written is left for the next check.
     */
    public void reload() {
        Snapshot changed = read();
        if (Arrays.equals(changed.digest(), lastDigest)) {
            return;
        }
        settle.run();
        if (Thread.currentThread().isInterrupted()) {
            return; // shutting down
        }
        Snapshot files = read();
        if (!Arrays.equals(files.digest(), changed.digest())) {
            return;
        }
        lastDigest = files.digest();
        LoadedRules loaded = files.problems().isEmpty() ? parse(files) : null;
        List<RuleProblem> problems = loaded == null ? files.problems() : loaded.problems();
        LoadedRules previous = current.get();
        if (!problems.isEmpty()) {
            current.set(new LoadedRules(previous.rules(), previous.loadedAt(), previous.files(), problems));
            LOG.warnf("Rules file changed but not loaded; the %d rules loaded before stay in force. %s",
                    previous.rules().rules().size(), new InvalidRulesException(problems).getMessage());
            return;
        }
        current.set(loaded);
        LOG.infof("Reloaded %d rules from %s", loaded.rules().rules().size(), String.join(", ", loaded.files()));
        listeners.forEach(listener -> listener.accept(loaded.rules()));
    }

    /** The rules in force, and the problems of a refused change if there is one. */
    public LoadedRules current() {
        return current.get();
    }

    /** Calls {@code listener} with the new rules after each successful reload. */
    public void onReload(Consumer<RuleSet> listener) {
        listeners.add(listener);
    }

    @PreDestroy
    void stop() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // A bug here must not end the reloads: the next interval tries again.
            LOG.warn("Checking the rules file for changes failed", e);
        }
    }

    private static void pauseToSettle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private LoadedRules parse(Snapshot files) {
        List<Rule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Location> firstByName = new HashMap<>();
        for (Map.Entry<String, String> file : files.contents().entrySet()) {
            try {
                for (Rule rule : parser.parse(file.getKey(), file.getValue()).rules()) {
                    Location earlier = firstByName.putIfAbsent(rule.name(), rule.location());
                    if (earlier != null) {
                        Location here = rule.location();
                        problems.add(new RuleProblem(here.file(), here.line(), here.column(), "a rule named '"
                                + rule.name() + "' is also at " + earlier + "; names must be unique across the directory"));
                    }
                    rules.add(rule);
                }
            } catch (InvalidRulesException invalid) {
                problems.addAll(invalid.problems());
            }
        }
        return new LoadedRules(new RuleSet(rules), clock.instant(), List.copyOf(files.contents().keySet()), problems);
    }

    private Snapshot read() {
        Path configured = Path.of(config.file().orElseThrow());
        Map<String, String> contents = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        MessageDigest digest = sha256();
        List<Path> paths;
        try {
            if (Files.isDirectory(configured)) {
                try (Stream<Path> listing = Files.list(configured)) {
                    paths = listing.filter(path -> {
                        String name = path.getFileName().toString();
                        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
                    }).sorted().limit(MAX_FILES + 1L).toList();
                }
                if (paths.size() > MAX_FILES) {
                    problems.add(new RuleProblem(configured.toString(), 1, 1, "more than " + MAX_FILES
                            + " rules files in the directory"));
                    paths = paths.subList(0, MAX_FILES);
                }
            } else {
                paths = List.of(configured);
            }
            for (Path path : paths) {
                long size = Files.size(path);
                if (size > config.maxFileBytes()) {
                    problems.add(new RuleProblem(path.toString(), 1, 1, "file is " + size + " bytes, larger than "
                            + config.maxFileBytes() + " (autoresponder.rules.max-file-bytes)"));
                    continue;
                }
                byte[] bytes = Files.readAllBytes(path);
                digest.update(path.toString().getBytes(UTF_8));
                digest.update(bytes);
                contents.put(path.toString(), new String(bytes, UTF_8));
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(configured.toString(), 1, 1, "cannot read the rules: " + e));
            digest.update(e.toString().getBytes(UTF_8));
        }
        return new Snapshot(contents, problems, digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The files as read: their text by path, what kept one from being read, and a digest of it all. */
    private record Snapshot(Map<String, String> contents, List<RuleProblem> problems, byte[] digest) {
    }
}
