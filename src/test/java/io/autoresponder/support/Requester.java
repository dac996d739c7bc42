package io.autoresponder.support;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * The requesting side of a fault test against a broker: an MQTT 5 client subscribed to the replies ({@code other}),
 * each reply recorded in a {@link ReplyLedger} of this run. Every run has its own id, so runs never see each
 * other's requests or client ids.
 */
public final class Requester implements AutoCloseable {

    private final String run = UUID.randomUUID().toString();
    private final ReplyLedger ledger = new ReplyLedger(run);
    private final Mqtt5AsyncClient client;

    private Requester(int brokerPort) {
        client = MqttClient.builder().useMqttVersion5().identifier("requester-" + run).serverHost("127.0.0.1")
                .serverPort(brokerPort).buildAsync();
        client.connect().join();
        client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> ledger.onReply(publish.getPayloadAsBytes())).send().join();
    }

    /** Connects to the broker on {@code brokerPort} and subscribes to the replies. */
    public static Requester on(int brokerPort) {
        return new Requester(brokerPort);
    }

    /** The client that publishes the requests. */
    public Mqtt5AsyncClient client() {
        return client;
    }

    /** The replies received so far. */
    public ReplyLedger ledger() {
        return ledger;
    }

    /** A client id for the service under test, unique to this run. */
    public String responderClientId() {
        return "responder-" + run;
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
    }
}
