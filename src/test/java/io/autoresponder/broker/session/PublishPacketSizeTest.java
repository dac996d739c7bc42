package io.autoresponder.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.support.wire.Packet;

/**
 * {@link PublishPacketSize} against the bytes Netty's encoder (the one the broker writes with) produces: the
 * computed size must be exact, or a client with a small Maximum Packet Size misses messages that fit
 * [MQTT-3.1.2-25] or gets packets larger than it allowed [MQTT-3.1.2-24].
 */
class PublishPacketSizeTest {

    // Where Netty's MQTT codec keeps the protocol version of a channel (MqttCodecUtil, package-private).
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    record Case(String name, String topic, int payloadLength, MqttQoS qos, boolean mqtt5, MqttProperties properties,
            List<Integer> subscriptionIds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        MqttProperties all = new MqttProperties();
        all.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        all.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), 300));
        all.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), "application/json"));
        all.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), "replies/é"));
        all.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), new byte[] { 1, 2, 3 }));
        all.add(new MqttProperties.UserProperty("a", "1"));
        all.add(new MqttProperties.UserProperty("bb", "22"));
        return List.of(
                new Case("3.1.1 QoS 0, empty payload", "a/b", 0, MqttQoS.AT_MOST_ONCE, false, new MqttProperties(),
                        List.of()),
                new Case("3.1.1 QoS 1, remaining length of two bytes", "a/b", 200, MqttQoS.AT_LEAST_ONCE, false,
                        new MqttProperties(), List.of()),
                new Case("3.1.1 QoS 2, remaining length of three bytes, multi-byte topic", "größe/ü", 20_000,
                        MqttQoS.EXACTLY_ONCE, false, new MqttProperties(), List.of()),
                new Case("5.0 no properties", "a/b", 10, MqttQoS.AT_MOST_ONCE, true, new MqttProperties(), List.of()),
                new Case("5.0 every application property", "a/b", 10, MqttQoS.AT_LEAST_ONCE, true, all, List.of()),
                new Case("5.0 subscription identifiers of one and three bytes", "a/b", 10, MqttQoS.AT_LEAST_ONCE,
                        true, new MqttProperties(), List.of(7, 200_000)),
                new Case("5.0 properties and a payload around 127 bytes", "t", 100, MqttQoS.AT_MOST_ONCE, true, all,
                        List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sizeIsWhatTheEncoderWrites(Case example) {
        Publication publication = new Publication(example.topic(), Buffer.buffer(new byte[example.payloadLength()]),
                example.qos(), false, example.properties(), "publisher");
        Route route = new Route(example.qos(), null, example.subscriptionIds());

        assertThat(PublishPacketSize.of(publication, route, example.mqtt5())).isEqualTo(encodedSize(example));
    }

    private static long encodedSize(Case example) {
        MqttProperties properties = new MqttProperties();
        if (example.mqtt5()) {
            example.properties().listAll().forEach(properties::add);
            example.subscriptionIds().forEach(id -> properties.add(
                    new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id)));
        }
        MqttPublishMessage message = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, example.qos(), false, 0),
                new MqttPublishVariableHeader(example.topic(), example.qos() == MqttQoS.AT_MOST_ONCE ? -1 : 1,
                        properties),
                Unpooled.wrappedBuffer(new byte[example.payloadLength()]));
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(example.mqtt5() ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
        channel.writeOutbound(message);
        long size = 0;
        ByteBuf encoded;
        while ((encoded = channel.readOutbound()) != null) {
            size += encoded.readableBytes();
            encoded.release();
        }
        channel.finishAndReleaseAll();
        return size;
    }
}
