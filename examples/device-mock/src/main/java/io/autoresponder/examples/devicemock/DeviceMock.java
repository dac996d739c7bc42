package io.autoresponder.examples.devicemock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Mocks devices: answers {@code devices/<id>/get} with the state of device {@code <id>}, kept per device. MQTT 5
 * requesters get the reply on their response topic with their correlation data (the responder does that for any
 * handler); others get it on {@code devices/<id>/state}.
 */
@ApplicationScoped
public class DeviceMock {

    /** At most this many devices are remembered; a request for one more is answered as for a new device. */
    static final int MAX_DEVICES = 10_000;

    private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();

    @Incoming("device-get")
    @Outgoing("device-state")
    @NonBlocking
    public Message<DeviceState> get(Message<DeviceGet> request) {
        MqttIncomingMetadata mqtt = request.getMetadata(MqttIncomingMetadata.class).orElseThrow();
        String device = mqtt.topic().split("/")[1];
        DeviceState state = devices.compute(device, (id, previous) -> next(id, previous, request.getPayload()));
        if (devices.size() > MAX_DEVICES) {
            devices.remove(device);
        }
        Message<DeviceState> reply = request.withPayload(state);
        if (mqtt.responseTopic().isEmpty()) {
            reply = reply.addMetadata(MqttOutgoingMetadata.builder().topic("devices/" + device + "/state").build());
        }
        return reply;
    }

    private static DeviceState next(String device, DeviceState previous, DeviceGet request) {
        String power = previous == null ? "off" : previous.power();
        if (request != null && request.set() != null) {
            power = request.set();
        }
        return new DeviceState(device, power, previous == null ? 1 : previous.requests() + 1);
    }
}
