package io.autoresponder.compat;


import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;

/**
 * Sends an MQTT 5 PUBREC with a reason code. Vert.x MQTT 4.5's {@code MqttEndpoint.publishReceived(id, code,
 * properties)} drops the code (it writes a PUBREC without one, i.e. 0x00 Success), so an error PUBREC is written
 * on the endpoint's socket ({@code MqttEndpointImpl.conn}, private) here. {@link #check()} runs at start; should
 * the socket still not be reachable, Vert.x's method is used (code lost, logged at DEBUG).
 */
// Native image: the field is read reflectively.
@RegisterForReflection(classNames = "io.vertx.mqtt.impl.MqttEndpointImpl", fields = true, methods = false)
public final class PubRecWithReason {

    private static final Logger LOG = Logger.getLogger(PubRecWithReason.class);
    static final Dependency VERTX_MQTT = new Dependency("Vert.x MQTT", "io.vertx", "vertx-mqtt", MqttEndpoint.class);
    static final InternalField SOCKET = InternalField.of(VERTX_MQTT, "io.vertx.mqtt.impl.MqttEndpointImpl",
            "conn", NetSocketInternal.class, "send MQTT 5 PUBREC reason codes (MQTT 5.0 section 3.5.2.1)");

    private PubRecWithReason() {
    }

    /** Throws {@link IllegalStateException} naming Vert.x MQTT and its version when its internals moved. */
    static void check() {
        SOCKET.check();
    }

    public static void send(MqttEndpoint endpoint, int packetId, MqttPubRecReasonCode code) {
        send(endpoint, packetId, code, MqttProperties.NO_PROPERTIES);
    }

    /** The same with properties, such as a reason string. */
    public static void send(MqttEndpoint endpoint, int packetId, MqttPubRecReasonCode code, MqttProperties properties) {
        if (SOCKET.present()) {
            try {
                NetSocketInternal socket = (NetSocketInternal) SOCKET.get(endpoint);
                MqttMessage pubRec = MqttMessageFactory.newMessage(
                        new MqttFixedHeader(MqttMessageType.PUBREC, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        new MqttPubReplyMessageVariableHeader(packetId, code.value(), properties),
                        null);
                socket.writeMessage(pubRec);
                return;
            } catch (IllegalStateException | ClassCastException e) {
                LOG.debugf("PUBREC reason code not writable: %s", e.toString());
            }
        }
        endpoint.publishReceived(packetId, code, properties);
    }
}
