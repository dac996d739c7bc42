package io.autoresponder.responder.failure;

import org.junit.jupiter.api.extension.ExtendWith;

import com.hivemq.client.mqtt.datatypes.MqttQos;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.RequiresMosquitto;

/** {@link HandlerFailureTest} in external mode against a real Mosquitto, through our MQTT 5 connector. */
@QuarkusTest
@TestProfile(FailingHandlersOnMosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class HandlerFailureOnMqttConnectorTest extends HandlerFailureTest {

    /** Mosquitto acknowledges the publisher on receipt; the responder's acknowledgement goes to Mosquitto. */
    @Override
    protected void publishAndAwaitPubAck(String topic, String request) {
        client().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes(request)).send();
    }
}
