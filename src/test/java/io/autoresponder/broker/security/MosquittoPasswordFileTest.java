package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * A password file written by Debian's {@code mosquitto_passwd} works as it is: its default PBKDF2-SHA512 hashes
 * ({@code $7$}) and the older salted SHA-512 ones ({@code -H sha512}, {@code $6$}), next to this broker's own.
 */
@QuarkusTest
@TestProfile(MosquittoPasswordFileTest.MosquittoFile.class)
@WithTestResource(FreeBrokerPort.class)
class MosquittoPasswordFileTest {

    static final String ALICE = "s3cret with spaces";
    static final String BOB = "hunter2-é";
    static final String CAROL = "our own hash";

    /** Anonymous off; alice ($7$) and bob ($6$) from mosquitto_passwd, carol with this broker's hash. */
    public static class MosquittoFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempDirectory("mosquitto-passwd").resolve("passwd");
                mosquittoPasswd("-c", "-b", file.toString(), "alice", ALICE);
                mosquittoPasswd("-H", "sha512", "-b", file.toString(), "bob", BOB);
                Files.writeString(file, "carol:" + PasswordHash.create(CAROL) + "\n", StandardOpenOption.APPEND);
                return Map.of("autoresponder.broker.auth.anonymous", "false",
                        "autoresponder.broker.auth.password-file", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void usersOfAMosquittoPasswordFileConnectWithTheirPasswords() {
        for (String[] user : List.of(new String[] {"alice", ALICE}, new String[] {"bob", BOB},
                new String[] {"carol", CAROL})) {
            var v5 = MqttClient.builder().useMqttVersion5().identifier("v5-" + user[0]).serverHost("127.0.0.1")
                    .serverPort(port).buildBlocking();
            v5.connectWith().simpleAuth().username(user[0]).password(user[1].getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            v5.disconnect();
            var v3 = MqttClient.builder().useMqttVersion3().identifier("v3-" + user[0]).serverHost("127.0.0.1")
                    .serverPort(port).buildBlocking();
            v3.connectWith().simpleAuth().username(user[0]).password(user[1].getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            v3.disconnect();
        }
    }

    @Test
    void aWrongPasswordIsRefusedForEveryFormat() {
        for (String user : List.of("alice", "bob", "carol")) {
            var v5 = MqttClient.builder().useMqttVersion5().identifier("wrong-" + user).serverHost("127.0.0.1")
                    .serverPort(port).buildBlocking();
            assertThatThrownBy(() -> v5.connectWith().simpleAuth().username(user).password("wrong".getBytes())
                    .applySimpleAuth().send()).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                            refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            var v3 = MqttClient.builder().useMqttVersion3().identifier("wrong3-" + user).serverHost("127.0.0.1")
                    .serverPort(port).buildBlocking();
            assertThatThrownBy(() -> v3.connectWith().simpleAuth().username(user).password("wrong".getBytes())
                    .applySimpleAuth().send()).isInstanceOfSatisfying(Mqtt3ConnAckException.class, refused -> assertThat(
                            refused.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
        }
    }

    @Test
    void eachMosquittoHashMatchesOnlyItsPassword() throws IOException {
        Path file = Files.createTempFile("passwd", "");
        mosquittoPasswd("-b", file.toString(), "dave", "pbkdf2 password");
        mosquittoPasswd("-H", "sha512", "-b", file.toString(), "erin", "sha512 password");
        Map<String, PasswordHash> users = Authenticator.readPasswordFile(file);

        assertThat(Files.readString(file)).contains("dave:$7$").contains("erin:$6$");
        assertThat(users.get("dave").matches("pbkdf2 password")).isTrue();
        assertThat(users.get("dave").matches("pbkdf2 passwor")).isFalse();
        assertThat(users.get("erin").matches("sha512 password")).isTrue();
        assertThat(users.get("erin").matches("sha512 password ")).isFalse();
        Files.delete(file);
    }

    @Test
    void malformedMosquittoHashesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PasswordHash.parse("$7$many$c2FsdA==$aGFzaA==")).hasMessageContaining("number");
        assertThatThrownBy(() -> PasswordHash.parse("$7$0$c2FsdA==$aGFzaA==")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PasswordHash.parse("$6$c2FsdA==$not base64!")).hasMessageContaining("Base64");
        assertThatThrownBy(() -> PasswordHash.parse("$5$c2FsdA==$aGFzaA==")).hasMessageContaining("mosquitto_passwd");
    }

    static void mosquittoPasswd(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("mosquitto_passwd"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto_passwd (Debian package mosquitto) is needed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
