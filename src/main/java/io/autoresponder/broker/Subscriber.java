package io.autoresponder.broker;

import io.netty.handler.codec.mqtt.MqttQoS;

/** Something the router delivers messages to: a network client connection, or an in-process consumer. */
public interface Subscriber {

    /**
     * Delivers one message. Called from any thread; implementations move to their own thread.
     *
     * @param publication the message
     * @param qos         delivery QoS: the minimum of the published QoS and the granted QoS [MQTT-3.8.4-6]
     */
    void deliver(Publication publication, MqttQoS qos);
}
