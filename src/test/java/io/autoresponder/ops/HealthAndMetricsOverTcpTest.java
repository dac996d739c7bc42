package io.autoresponder.ops;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.profiles.StockConnectorProfile;

/** {@link HealthAndMetricsTest} with the responder on the stock SmallRye MQTT connector, over TCP. */
@QuarkusTest
@TestProfile(StockConnectorProfile.class)
@WithTestResource(FreeBrokerPort.class)
class HealthAndMetricsOverTcpTest extends HealthAndMetricsTest {
}
