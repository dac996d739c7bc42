package io.autoresponder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.browser.Chromium;
import io.autoresponder.support.browser.RequiresChromium;
import io.autoresponder.testing.MqttTestClient;

/**
 * The console in a real browser (headless Chromium, driven by Playwright): a message published over MQTT shows
 * on the page within a second, and the page's form gets the reply to its test message. Screenshots are kept in
 * {@code target/console-screenshots}.
 */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
@WithTestResource(FreeBrokerPort.class)
@ExtendWith(RequiresChromium.class)
class ConsoleInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    @TestHTTPResource("/console/")
    java.net.URL console;

    @Test
    void showsMqttTrafficLiveAndAnswersTheTestForm() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try (MqttTestClient mqtt = MqttTestClient.connect();
                Chromium browser = Chromium.run("console-check.mjs", Map.of(
                        "CONSOLE_URL", console.toString(),
                        "CONSOLE_USER", ConsoleProfile.USER, "CONSOLE_PASSWORD", ConsoleProfile.PASSWORD,
                        "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()))) {
            browser.expect("READY", Duration.ofSeconds(60));

            String marker = "seen-in-browser-" + UUID.randomUUID();
            browser.send(marker);
            mqtt.request("test", "{\"talk\":\"" + marker + "\",\"name\":\"mqtt\"}");
            long seenAfterMillis = Long.parseLong(browser.expect("SEEN", Duration.ofSeconds(10)));
            assertThat(seenAfterMillis).as("milliseconds until the page showed the request").isLessThan(1000);

            String formMarker = "sent-from-form-" + UUID.randomUUID();
            browser.send(formMarker);
            String reply = browser.expect("REPLY", Duration.ofSeconds(20));
            assertThat(reply).contains("you said: " + formMarker).contains("Hello browser");
            browser.expect("DONE", Duration.ofSeconds(20));
        }
        assertThat(SCREENSHOTS.resolve("console-live.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("console-form.png")).isNotEmptyFile();
    }
}
