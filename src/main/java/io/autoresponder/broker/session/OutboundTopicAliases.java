package io.autoresponder.broker.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic aliases the broker sends one MQTT 5 connection (MQTT 5.0 section 3.3.2.3.4), so a client on a
 * constrained link does not receive the full topic name with every message. The first message on a topic carries
 * the name and sets an alias; later ones carry the alias and an empty name. At most the client's Topic Alias
 * Maximum aliases are in use [MQTT-3.3.2-8]; when all are taken, the least recently used one is given to the new
 * topic, whose name is sent with it. Aliases belong to the network connection [MQTT-3.3.2-7]: a new connection
 * starts with none. Used on the connection's event loop only.
 */
public final class OutboundTopicAliases {

    /**
     * How one PUBLISH names its topic.
     *
     * @param topicName the topic name to send: the topic, or empty when the alias is known to the client
     * @param alias     the Topic Alias to send, 1 to the maximum
     */
    public record Choice(String topicName, int alias) {
    }

    private final int maximum;
    // Access order: the first entry is the least recently used.
    private final Map<String, Integer> byTopic = new LinkedHashMap<>(16, 0.75f, true);

    /** Aliases for a client whose Topic Alias Maximum, as far as the broker uses it, is {@code maximum} (1 or more). */
    public OutboundTopicAliases(int maximum) {
        if (maximum < 1 || maximum > 65_535) {
            throw new IllegalArgumentException("topic alias maximum must be 1..65535, not " + maximum);
        }
        this.maximum = maximum;
    }

    /** How the next PUBLISH on {@code topic} names it. */
    public Choice choose(String topic) {
        Integer known = byTopic.get(topic);
        if (known != null) {
            return new Choice("", known);
        }
        int alias;
        if (byTopic.size() < maximum) {
            alias = byTopic.size() + 1;
        } else {
            Iterator<Map.Entry<String, Integer>> leastRecent = byTopic.entrySet().iterator();
            alias = leastRecent.next().getValue();
            leastRecent.remove();
        }
        byTopic.put(topic, alias);
        return new Choice(topic, alias);
    }

    /** Aliases in use. */
    public int size() {
        return byTopic.size();
    }
}
