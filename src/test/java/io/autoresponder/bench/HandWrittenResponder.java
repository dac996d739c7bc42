package io.autoresponder.bench;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * The benchmark's yardstick for the {@code autoresponder-mqtt} connector: the responder a user would write by hand
 * with the HiveMQ MQTT client's async API, no framework. Subscribes to {@code test}, parses each request with
 * Jackson and publishes the same reply as the service's handler on {@code other} (QoS 1, like the service).
 * The client acknowledges requests itself, on receipt (its default). Written plainly on purpose: no tuning.
 * <pre>
 *   java -cp ... io.autoresponder.bench.HandWrittenResponder &lt;host&gt; &lt;port&gt; [request QoS, default 1]
 * </pre>
 */
public final class HandWrittenResponder {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HandWrittenResponder <host> <port> [request QoS, default 1]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        MqttQos qos = MqttQos.fromCode(args.length > 2 ? Integer.parseInt(args[2]) : 1);

        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier("hand-written-" + UUID.randomUUID())
                .serverHost(host).serverPort(port)
                .buildAsync();
        client.connect().join();
        client.subscribeWith().topicFilter("test").qos(qos)
                .callback(request -> reply(client, request))
                .send().join();
        System.out.println("hand-written responder on " + host + ":" + port + " answering test on other");
        Thread.currentThread().join();
    }

    private static void reply(Mqtt5AsyncClient client, Mqtt5Publish request) {
        byte[] answer;
        try {
            JsonNode body = JSON.readTree(request.getPayloadAsBytes());
            ObjectNode reply = JSON.createObjectNode();
            reply.put("reply", "Hello " + body.path("name").asText() + ", you said: " + body.path("talk").asText());
            reply.set("name", body.get("name"));
            reply.set("talk", body.get("talk"));
            reply.put("timestamp", Instant.now().toString());
            reply.set("seq", body.get("seq"));
            reply.set("id", body.get("id"));
            answer = JSON.writeValueAsBytes(reply);
        } catch (Exception e) {
            System.err.println("bad request: " + e.getMessage());
            return;
        }
        client.publishWith().topic("other").qos(MqttQos.AT_LEAST_ONCE).payload(answer).send();
    }
}
