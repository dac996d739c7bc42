package io.autoresponder.examples.externalshared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged application (the same jar, started twice with {@code java -jar}) against one
 * real Mosquitto: the shared subscription {@code $share/workers/jobs} in {@code application.properties} makes
 * them split the jobs, each answered exactly once, and when one instance stops the other answers them all.
 * Processes, broker and MQTT are real; their output is in {@code target/it-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSubscriptionIT {

    private static final int JOBS = 200;
    private static final int JOBS_AFTER_STOP = 100;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long to keep listening after every job was answered, for second answers that must not come. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Pattern INSTANCE = Pattern.compile("\"instance\"\\s*:\\s*\"([^\"]*)\"");

    private final Path jar = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path logs = Path.of(System.getProperty("it.output", "target/it-logs"));

    private MosquittoProcess mosquitto;
    private AppProcess a;
    private AppProcess b;
    private Requester requester;

    @BeforeAll
    void startBrokerAndTwoInstances() throws IOException {
        Files.deleteIfExists(logs.resolve("split.txt"));
        mosquitto = MosquittoProcess.start(logs.resolve("mosquitto"));
        a = AppProcess.start(jar, "a", mosquitto.port(), logs);
        b = AppProcess.start(jar, "b", mosquitto.port(), logs);
        // Both start at once; ready means connected to Mosquitto with jobs subscribed (SUBACK received).
        a.awaitReady(READY_TIMEOUT);
        b.awaitReady(READY_TIMEOUT);
        requester = Requester.connect(mosquitto.port());
    }

    @AfterAll
    void stopEverything() {
        // Each in its own try, so one failure does not leave the others running.
        for (AutoCloseable running : new AutoCloseable[] { requester, a, b, mosquitto }) {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println("could not stop " + running + ": " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void twoInstancesInOneShareGroupSplitTheJobsAndAnswerEachExactlyOnce() {
        List<String> jobs = requester.publish("split", JOBS);

        Map<String, List<String>> replies = requester.awaitReplies(jobs, SETTLE);

        assertEachAnsweredExactlyOnce(replies);
        replies.forEach((job, answers) -> assertThat(answers.get(0)).as("result of %s", job)
                .contains("\"id\":\"" + job + "\""));
        Map<String, Integer> split = answeredBy(replies);
        record("split of " + JOBS + " jobs between two instances: " + split);
        assertThat(split).as("jobs answered per instance (log: " + logs + ")").containsOnlyKeys("a", "b");
        assertThat(split.values()).as("jobs answered per instance").allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    @Order(2)
    void whenOneInstanceStopsTheOtherAnswersEveryFurtherJob() {
        assertThat(a.stop()).as("instance a exited on SIGTERM within 30 s").isTrue();
        assertThat(a.isAlive()).isFalse();

        List<String> jobs = requester.publish("after-stop", JOBS_AFTER_STOP);

        Map<String, List<String>> replies = requester.awaitReplies(jobs, SETTLE);
        assertEachAnsweredExactlyOnce(replies);
        Map<String, Integer> split = answeredBy(replies);
        record("split of " + JOBS_AFTER_STOP + " jobs after a stopped: " + split);
        assertThat(split).as("jobs answered per instance after a stopped").isEqualTo(Map.of("b", JOBS_AFTER_STOP));
        assertThat(b.isAlive()).isTrue();
    }

    private static void assertEachAnsweredExactlyOnce(Map<String, List<String>> replies) {
        Map<String, List<String>> notOnce = new TreeMap<>();
        replies.forEach((job, answers) -> {
            if (answers.size() != 1) {
                notOnce.put(job, answers);
            }
        });
        assertThat(notOnce.size()).as("jobs of %d not answered exactly once, e.g. (correlation data -> replies) %s",
                replies.size(), notOnce.entrySet().stream().limit(3).toList()).isZero();
    }

    /** Instance name -> how many of the replies it sent. */
    private static Map<String, Integer> answeredBy(Map<String, List<String>> replies) {
        Map<String, Integer> split = new TreeMap<>();
        replies.values().stream().flatMap(List::stream).forEach(reply -> {
            Matcher instance = INSTANCE.matcher(reply);
            split.merge(instance.find() ? instance.group(1) : "(no instance in " + reply + ")", 1, Integer::sum);
        });
        return split;
    }

    private void record(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(logs);
            Files.writeString(logs.resolve("split.txt"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + logs.resolve("split.txt") + ": " + e);
        }
    }
}
