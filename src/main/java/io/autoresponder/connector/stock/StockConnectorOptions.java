package io.autoresponder.connector.stock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.mqtt.session.ExponentialBackoffDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;

import io.autoresponder.responder.ResponderConfig;

/**
 * Adjusts the MQTT client of the stock SmallRye MQTT connector ({@code smallrye-mqtt}) for every channel:
 * <ul>
 * <li>reconnection with capped exponential backoff ({@code autoresponder.responder.reconnect.*}) instead of the
 * connector's constant interval, unless {@code reconnect-interval-seconds} is set explicitly;</li>
 * <li>with {@code autoresponder.responder.ack=after-reply}, no automatic PUBACK on receipt: {@link AckAfterReply}
 * sends it once the request was handled.</li>
 * </ul>
 * The connector's own keys ({@code mp.messaging.connector.smallrye-mqtt.*}) configure everything else.
 */
@ApplicationScoped
public class StockConnectorOptions implements ClientCustomizer<MqttClientSessionOptions> {

    private static final Logger LOG = Logger.getLogger(StockConnectorOptions.class);
    private static final String CONSTANT_INTERVAL_KEY = "reconnect-interval-seconds";

    private final ResponderConfig config;

    StockConnectorOptions(ResponderConfig config) {
        this.config = config;
    }

    @Override
    public MqttClientSessionOptions customize(String channel, Config channelConfig, MqttClientSessionOptions options) {
        if (channelConfig.getConfigValue(CONSTANT_INTERVAL_KEY).getRawValue() == null) {
            options.setReconnectDelay(backoff(config.reconnect()));
        } else {
            LOG.debugf("Channel %s: constant reconnect interval from %s", channel, CONSTANT_INTERVAL_KEY);
        }
        options.setAutoAck(config.ack() == ResponderConfig.Acknowledgement.ON_RECEIPT);
        return options;
    }

    static ExponentialBackoffDelayOptions backoff(ResponderConfig.Reconnect reconnect) {
        if (reconnect.initialDelay().isNegative() || reconnect.initialDelay().isZero()) {
            throw new IllegalArgumentException("autoresponder.responder.reconnect.initial-delay must be positive");
        }
        if (reconnect.maxDelay().compareTo(reconnect.initialDelay()) < 0) {
            throw new IllegalArgumentException(
                    "autoresponder.responder.reconnect.max-delay must not be shorter than initial-delay");
        }
        return new ExponentialBackoffDelayOptions().setMinimum(reconnect.initialDelay())
                .setIncrement(reconnect.initialDelay()).setMaximum(reconnect.maxDelay());
    }
}
