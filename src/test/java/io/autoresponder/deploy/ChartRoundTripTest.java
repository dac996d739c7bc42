package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.brokers.RequiresMosquittoClients;

/**
 * The chart's secure default, end to end: the service started with the broker settings the chart renders (anonymous
 * off, the chart's user with the password of the generated Secret) answers the {@code helm test} pod's own command,
 * mosquitto_rr with the Secret's credentials, and refuses an anonymous client.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@TestProfile(ChartRoundTripTest.AsTheChartConfiguresIt.class)
@ExtendWith(RequiresMosquittoClients.class)
class ChartRoundTripTest {

    /** Rendered once: the profile and the test read the same Secret. */
    static final RenderedChart CHART = RenderedChart.render(t -> t);

    /**
     * The broker keys the chart sets, read through SmallRye Config's environment-variable mapping as the pod's
     * environment would be: the ConfigMap, and the password variable filled from the generated Secret.
     */
    public static class AsTheChartConfiguresIt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> environment = new TreeMap<>(CHART.configEnv());
            CHART.secretEnv().forEach((name, ref) -> environment.put(name, secretValue(ref)));
            SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withSources(new EnvConfigSource(environment, 300)).build();
            BrokerConfig.Auth auth = config.getConfigMapping(BrokerConfig.class).auth();
            Map<String, String> overrides = new TreeMap<>();
            overrides.put("autoresponder.broker.auth.anonymous", Boolean.toString(auth.anonymous()));
            auth.plainPasswords().forEach((user, password) ->
                    overrides.put("autoresponder.broker.auth.plain-passwords." + user, password));
            return overrides;
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void theHelmTestCommandGetsAReplyWithTheGeneratedCredentials() throws Exception {
        JsonNode container = ChartTestHookTest.testPod(CHART).at("/spec/containers/0");
        Map<String, String> env = ChartTestHookTest.env(container);
        List<String> command = new ArrayList<>(ChartTestHookTest.texts(container.path("command")));
        List<String> args = ChartTestHookTest.texts(container.path("args"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            // Kubernetes fills in $(NAME) from the container's env; here the Service is the local broker.
            String previous = i == 0 ? "" : args.get(i - 1);
            if (previous.equals("-h")) {
                arg = "127.0.0.1";
            } else if (previous.equals("-p")) {
                arg = Integer.toString(port);
            } else if (arg.equals("$(MQTT_USERNAME)")) {
                arg = env.get("MQTT_USERNAME");
            } else if (arg.equals("$(MQTT_PASSWORD)")) {
                arg = secretValue(env.get("MQTT_PASSWORD").substring("secret ".length()));
            }
            command.add(arg);
        }

        Process rr = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(rr.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_rr ends within its -W").isTrue();
        String output = new String(rr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(rr.exitValue()).as("exit code; output: %s", output).isZero();
        assertThat(output).contains("\"reply\":\"Hello ar, you said: helm test\"");
    }

    @Test
    void anAnonymousClientIsRefused() {
        var anonymous = MqttClient.builder().useMqttVersion5().identifier("anonymous").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();

        assertThatThrownBy(anonymous::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    /** The decoded value of "secret/key" in the rendered chart. */
    static String secretValue(String ref) {
        String[] parts = ref.split("/", 2);
        return ChartSecureByDefaultTest.decode(CHART.named("Secret", parts[0]).at("/data/" + parts[1]).asText());
    }

}
