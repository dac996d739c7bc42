package io.autoresponder.responder;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MosquittoProfile;

/** {@link BurstTest} in external mode, against a real Mosquitto broker over TCP. */
@QuarkusTest
@TestProfile(MosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class BurstOnMosquittoTest extends BurstTest {
}
