package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Replies;
import io.autoresponder.support.ServiceProcess;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The JVM image's recipe (src/main/docker/Dockerfile.jvm) without a container engine: the packaged service, laid out
 * as in the image, is trained by src/main/docker/train-aot.sh on Java 25 with the image's flags
 * (src/main/docker/java-flags), and the cache it writes is then required ({@code -XX:AOTMode=on}: the JVM refuses
 * to start rather than ignore a cache it cannot use) by a service sized for a pod of another memory limit, which
 * answers a request. Needs a Java 25 JDK (JAVA25_HOME, or Temurin's under /usr/lib/jvm) and mosquitto_pub.
 */
class ImageAotCacheIT {

    private static final Path FLAGS = Path.of("src", "main", "docker", "java-flags");
    private static final Path TRAIN = Path.of("src", "main", "docker", "train-aot.sh");

    @TempDir
    Path image;

    @Test
    void theCacheTrainedAtBuildTimeIsUsedByAServiceOfAnotherMemoryLimit() throws Exception {
        Optional<Path> java25 = java25();
        assumeTrue(java25.isPresent(), "no Java 25 JDK: set JAVA25_HOME");
        Path deployments = copyOfTheFastJar();
        List<String> flags = Arrays.asList(Files.readString(FLAGS).trim().split("\\s+"));
        Path cache = deployments.resolve("app.aot");

        List<String> training = new ArrayList<>(List.of(TRAIN.toAbsolutePath().toString(), cache.toString(), "20000",
                java25.get().toString(), "-XX:MaxRAM=256m"));
        training.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(training).directory(deployments.toFile()).redirectErrorStream(true)
                .redirectOutput(image.resolve("train.log").toFile());
        builder.environment().putAll(Map.of("MALLOC_ARENA_MAX", "2",
                "TRAIN_MQTT_PORT", Integer.toString(FreeBrokerPort.freePort()),
                "TRAIN_HTTP_PORT", Integer.toString(FreeBrokerPort.freePort())));
        Process train = builder.start();
        assertThat(train.waitFor(5, TimeUnit.MINUTES)).as("training finished").isTrue();
        String trainLog = Files.readString(image.resolve("train.log"));
        assertThat(train.exitValue()).as(trainLog).isZero();
        assertThat(trainLog).contains("train-aot: wrote " + cache);

        List<String> java = new ArrayList<>(List.of(java25.get().toString(), "-XX:MaxRAM=512m"));
        java.addAll(flags);
        java.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
        int mqttPort = FreeBrokerPort.freePort();
        try (ServiceProcess service = ServiceProcess.start("aot-image", java, deployments.resolve("quarkus-run.jar"),
                Map.of("autoresponder.broker.port", Integer.toString(mqttPort)), Map.of("MALLOC_ARENA_MAX", "2"))
                .awaitReady()) {
            Mqtt5BlockingClient client = Mqtt.v5(mqttPort);
            try (Mqtt5BlockingClient.Mqtt5Publishes replies = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
                client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("{\"talk\":\"hello\",\"name\":\"aot\",\"id\":\"aot-1\"}".getBytes(StandardCharsets.UTF_8))
                        .send();
                JsonNode reply = Replies.replyWithId(replies, "aot-1");
                assertThat(reply.path("id").asText()).isEqualTo("aot-1");
            } finally {
                client.disconnect();
            }
            assertThat(service.log()).doesNotContain("VM warning").doesNotContain("[warning]");
        }
    }

    private Path copyOfTheFastJar() throws IOException {
        Path source = Path.of("target", "quarkus-app");
        Path deployments = image.resolve("deployments");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = deployments.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return deployments;
    }

    private static Optional<Path> java25() throws IOException {
        String home = System.getenv("JAVA25_HOME");
        if (home != null) {
            return Optional.of(Path.of(home, "bin", "java"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(dir -> dir.getFileName().toString().matches("temurin-25.*"))
                    .map(dir -> dir.resolve("bin").resolve("java")).filter(Files::isExecutable).findFirst();
        }
    }
}
