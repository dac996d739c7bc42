package io.autoresponder.responder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.profiles.StockConnectorProfile;

/** {@link BurstTest} with the responder on the stock SmallRye MQTT connector, over TCP. */
@QuarkusTest
@TestProfile(StockConnectorProfile.class)
@WithTestResource(FreeBrokerPort.class)
class BurstOverTcpTest extends BurstTest {
}
