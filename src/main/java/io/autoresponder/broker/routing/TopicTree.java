package io.autoresponder.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Subscriptions indexed by topic level, so matching a topic visits only the branches its levels, {@code +} and
 * {@code #} lead to: the cost grows with the topic's depth, not with the number of unrelated subscriptions.
 * Reads are lock-free (publish path); changes are serialized by one lock so that pruning empty branches never
 * races with a subscription being added to them.
 *
 * @param <V> what is kept at a filter's node
 */
final class TopicTree<V> {

    private static final class Node<V> {
        final Map<String, Node<V>> children = new ConcurrentHashMap<>();
        volatile V value;
    }

    private final Node<V> root = new Node<>();
    private final Object changes = new Object();

    /** Applies {@code update} to the value at {@code filter} (null when absent); a null result removes it. */
    V update(String filter, java.util.function.UnaryOperator<V> update) {
        synchronized (changes) {
            String[] levels = filter.split("/", -1);
            List<Node<V>> path = new ArrayList<>(levels.length + 1);
            Node<V> node = root;
            path.add(node);
            for (String level : levels) {
                node = node.children.computeIfAbsent(level, key -> new Node<>());
                path.add(node);
            }
            V updated = update.apply(node.value);
            node.value = updated;
            if (updated == null) {
                prune(path, levels);
            }
            return updated;
        }
    }

    /**
     * Calls {@code visitor} with the value of every filter matching {@code topic}. Filters starting with a
     * wildcard do not match topics starting with {@code $} [MQTT-4.7.2-1]; {@code a/#} matches {@code a}
     * [MQTT-4.7.1-2].
     */
    void forEachMatch(String topic, Consumer<V> visitor) {
        forEachMatch(levels(topic), visitor);
    }

    /** {@link #forEachMatch(String, Consumer)} for a topic already split into {@link #levels}. */
    void forEachMatch(String[] levels, Consumer<V> visitor) {
        match(root, levels, 0, levels[0].startsWith("$"), visitor);
    }

    /** A topic's levels, split once for every tree it is matched against. */
    static String[] levels(String topic) {
        return topic.split("/", -1);
    }

    /** Whether nothing is stored (every branch pruned). */
    boolean isEmpty() {
        return root.children.isEmpty();
    }

    private void match(Node<V> node, String[] levels, int index, boolean dollarTopic, Consumer<V> visitor) {
        boolean wildcardsAllowed = !(index == 0 && dollarTopic);
        if (wildcardsAllowed) {
            visit(node.children.get("#"), visitor);
        }
        if (index == levels.length) {
            visit(node, visitor);
            return;
        }
        Node<V> exact = node.children.get(levels[index]);
        if (exact != null) {
            match(exact, levels, index + 1, dollarTopic, visitor);
        }
        if (wildcardsAllowed) {
            Node<V> any = node.children.get("+");
            if (any != null) {
                match(any, levels, index + 1, dollarTopic, visitor);
            }
        }
    }

    private void visit(Node<V> node, Consumer<V> visitor) {
        if (node != null) {
            V value = node.value;
            if (value != null) {
                visitor.accept(value);
            }
        }
    }

    /** Removes the empty nodes at the end of {@code path}, so filters that come and go leave nothing behind. */
    private void prune(List<Node<V>> path, String[] levels) {
        for (int i = levels.length; i > 0; i--) {
            Node<V> node = path.get(i);
            if (node.value != null || !node.children.isEmpty()) {
                return;
            }
            path.get(i - 1).children.remove(levels[i - 1], node);
        }
    }
}
