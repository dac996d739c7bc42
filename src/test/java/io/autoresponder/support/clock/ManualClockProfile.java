package io.autoresponder.support.clock;

import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test application whose broker runs on a {@link ManualBrokerClock}. */
public class ManualClockProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ManualBrokerClock.class);
    }
}
