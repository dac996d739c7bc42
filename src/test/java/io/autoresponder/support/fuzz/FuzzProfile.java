package io.autoresponder.support.fuzz;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application the fuzzers attack: its own instance, so only they move its counts, and sessions that end with
 * their connection, so a persistent session an input asked for does not count as a leak.
 */
public class FuzzProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("autoresponder.broker.max-session-expiry", "0s");
    }
}
