package io.autoresponder.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * External mode against a real Mosquitto ({@link MosquittoBroker}): its own application instance and broker,
 * apart from the tests on the embedded broker.
 */
public class MosquittoProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoBroker.class));
    }
}
