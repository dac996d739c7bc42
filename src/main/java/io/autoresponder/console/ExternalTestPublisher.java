package io.autoresponder.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * Test messages through the external broker the {@code autoresponder-mqtt} connector uses (its connector-wide
 * {@code host}, {@code port}, {@code username}, {@code password} and {@code ssl} keys): one short MQTT 5
 * connection per message, which subscribes to the response topic before it publishes.
 */
final class ExternalTestPublisher implements TestPublisher {

    private static final String PREFIX = "mp.messaging.connector.autoresponder-mqtt.";

    private final String host;
    private final int port;
    private final Optional<String> username;
    private final Optional<String> password;
    private final boolean ssl;

    ExternalTestPublisher(Config config) {
        this.host = config.getOptionalValue(PREFIX + "host", String.class).orElse("127.0.0.1");
        this.port = config.getOptionalValue(PREFIX + "port", Integer.class).orElse(1883);
        this.username = config.getOptionalValue(PREFIX + "username", String.class);
        this.password = config.getOptionalValue(PREFIX + "password", String.class);
        this.ssl = config.getOptionalValue(PREFIX + "ssl", Boolean.class).orElse(false);
    }

    @Override
    public CompletionStage<Optional<TestReply>> publish(TestMessage message, Duration timeout) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier("autoresponder-console-" + UUID.randomUUID()).serverHost(host).serverPort(port);
        if (ssl) {
            builder = builder.sslWithDefaultConfig();
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        CompletableFuture<TestReply> reply = new CompletableFuture<>();
        long[] start = new long[1];
        var connect = client.connectWith().cleanStart(true).keepAlive(30);
        if (username.isPresent()) {
            connect = connect.simpleAuth().username(username.get())
                    .password(password.orElse("").getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        CompletableFuture<Optional<TestReply>> outcome = connect.send()
                .thenCompose(connack -> client.subscribeWith().topicFilter(message.responseTopic())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .callback(publish -> reply.complete(new TestReply(publish.getTopic().toString(),
                                publish.getPayloadAsBytes(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start[0]))))
                        .send())
                .thenCompose(suback -> {
                    start[0] = System.nanoTime();
                    return client.publishWith().topic(message.topic()).payload(message.payload())
                            .qos(MqttQos.fromCode(message.qos())).responseTopic(message.responseTopic())
                            .correlationData(message.correlationData()).send();
                })
                .thenCompose(published -> TestPublisher.within(reply, timeout))
                .orTimeout(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        return outcome.whenComplete((done, failure) -> client.disconnect());
    }

    @Override
    public String describe() {
        return "external broker " + host + ":" + port + (ssl ? " (TLS)" : "");
    }
}
