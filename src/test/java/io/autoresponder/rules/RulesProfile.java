package io.autoresponder.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Rules from a file of the test's own ({@link #INITIAL}), checked for changes every 100 ms. */
public class RulesProfile implements QuarkusTestProfile {

    static final String INITIAL = """
            rules:
              - name: lamp-state
                topic: devices/+/get
                when:
                  - path: /set
                    present: true
                reply:
                  topic: devices/{levels.1}/state
                  user-properties:
                    rule: "{rule}"
                  payload:
                    device: "{levels.1}"
                    power: "{request.set}"
                    answered: "{counter}"
              - name: device-read
                topic: devices/+/get
                reply:
                  topic: devices/{levels.1}/state
                  payload: {device: "{levels.1}", power: unknown}
              - name: ping
                topic: ping
                reply:
                  payload: "pong {request.seq}"
              - name: hot
                topic: sensors/+/reading
                when:
                  - path: /celsius
                    greater-than: 80
                reply:
                  - topic: alerts/high
                    qos: 1
                    payload: {sensor: "{levels.1}", celsius: "{request.celsius}"}
                  - topic: audit
                    delay: 300ms
                    payload: {seen: "{levels.1}"}
              - name: looping
                topic: loop/+
                reply:
                  topic: loop/back
                  payload: {again: true}
              - name: strict
                topic: strict
                reply:
                  payload: {name: "{request.name}"}
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("autoresponder.rules.file", newFile().toString());
        config.put("autoresponder.rules.reload-interval", "100ms");
        return config;
    }

    /** A file of its own for each application started, so test classes do not edit each other's rules. */
    static Path newFile() {
        try {
            Path dir = Files.createTempDirectory("autoresponder-rules");
            dir.toFile().deleteOnExit();
            Path file = Files.writeString(dir.resolve("rules.yaml"), INITIAL);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
