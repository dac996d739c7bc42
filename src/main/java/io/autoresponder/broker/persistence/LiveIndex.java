package io.autoresponder.broker.persistence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.broker.session.StoredSession;

/**
 * Which records of the journal are still live, and where they lie: what a compaction copies and what a restart
 * reads back. While the journal is read at start the records' values are kept too, to hand the state to the
 * broker; while it runs only locations are kept (values are null), so the index costs a few dozen bytes per
 * queued message, not its payload. Not thread-safe: the store calls it under its lock.
 */
final class LiveIndex {

    /** A live record: where it lies and, while reading back, its value. */
    static final class Held<T> {
        Location location;
        final T value;

        Held(Location location, T value) {
            this.location = location;
            this.value = value;
        }
    }

    /** What the last ATTACHED or AWAY record of a session said. */
    record Meta(long expirySeconds, long awaySinceMillis, Will will) {
    }

    /** The state of a message sent: its packet identifier and whether its PUBREC arrived. */
    record Sent(int packetId, boolean released) {
    }

    /** The live records of one session. */
    static final class Client {
        Held<Meta> meta;
        final Map<String, Held<StoredSession.Subscription>> subscriptions = new LinkedHashMap<>();
        final TreeMap<Long, Held<StoredSession.Message>> messages = new TreeMap<>();
        final Map<Long, Held<Sent>> sent = new HashMap<>();
        final TreeMap<Integer, Location> awaitingRelease = new TreeMap<>();
    }

    /** Copies a live record to its new place during a compaction. */
    interface Copier {
        Location copy(Location from) throws IOException;
    }

    private final Map<String, Held<Publication>> retained = new HashMap<>();
    private final Map<SessionKey, Client> sessions = new HashMap<>();
    private long liveBytes;

    long liveBytes() {
        return liveBytes;
    }

    // ---- changes, as the records say ------------------------------------------------------------------

    void retained(String topic, Location location, Publication value) {
        replaced(retained.put(topic, new Held<>(location, value)), location);
    }

    void retainedCleared(String topic) {
        replaced(retained.remove(topic), null);
    }

    void attached(SessionKey key, Location location, long expirySeconds) {
        Client client = client(key);
        Held<Meta> previous = client.meta;
        client.meta = new Held<>(location, new Meta(expirySeconds, StoredSession.CONNECTED, null));
        replaced(previous, location);
    }

    void away(SessionKey key, Location location, long expirySeconds, long awaySinceMillis, Will will) {
        Client client = client(key);
        Held<Meta> previous = client.meta;
        client.meta = new Held<>(location, new Meta(expirySeconds, awaySinceMillis, will));
        replaced(previous, location);
    }

    void ended(SessionKey key) {
        Client client = sessions.remove(key);
        if (client == null) {
            return;
        }
        replaced(client.meta, null);
        client.subscriptions.values().forEach(held -> replaced(held, null));
        client.messages.values().forEach(held -> replaced(held, null));
        client.sent.values().forEach(held -> replaced(held, null));
        client.awaitingRelease.values().forEach(location -> liveBytes -= location.length());
    }

    void subscribed(SessionKey key, String filter, Location location, MqttSubscriptionOption options,
            int subscriptionId) {
        replaced(client(key).subscriptions.put(filter,
                new Held<>(location, new StoredSession.Subscription(options, subscriptionId))), location);
    }

    void unsubscribed(SessionKey key, String filter) {
        Client client = sessions.get(key);
        if (client != null) {
            replaced(client.subscriptions.remove(filter), null);
        }
    }

    void queued(SessionKey key, long seq, Location location, Publication publication, Route route) {
        StoredSession.Message value = publication == null ? null
                : new StoredSession.Message(seq, publication, route, 0, false);
        replaced(client(key).messages.put(seq, new Held<>(location, value)), location);
    }

    void sent(SessionKey key, long seq, Location location, int packetId, boolean released) {
        Client client = sessions.get(key);
        if (client == null || !client.messages.containsKey(seq)) {
            return; // the message is gone already: this record is dead at once
        }
        replaced(client.sent.put(seq, new Held<>(location, new Sent(packetId, released))), location);
    }

    void done(SessionKey key, long seq) {
        Client client = sessions.get(key);
        if (client != null) {
            replaced(client.messages.remove(seq), null);
            replaced(client.sent.remove(seq), null);
        }
    }

    void awaitingRelease(SessionKey key, int packetId, Location location) {
        Location previous = client(key).awaitingRelease.put(packetId, location);
        liveBytes += location.length() - (previous == null ? 0 : previous.length());
    }

    void releaseDone(SessionKey key, int packetId) {
        Client client = sessions.get(key);
        Location previous = client == null ? null : client.awaitingRelease.remove(packetId);
        if (previous != null) {
            liveBytes -= previous.length();
        }
    }

    // ---- reading back ---------------------------------------------------------------------------------

    /** The retained messages read back. */
    List<Publication> retainedMessages() {
        List<Publication> all = new ArrayList<>(retained.size());
        retained.values().forEach(held -> all.add(held.value));
        return all;
    }

    /**
     * The sessions read back. Records of a session without an ATTACHED or AWAY record, and of a session whose
     * client id has a later incarnation, are dead and leave the index.
     */
    List<StoredSession> sessions() {
        Map<String, SessionKey> latest = new HashMap<>();
        for (Map.Entry<SessionKey, Client> entry : new ArrayList<>(sessions.entrySet())) {
            SessionKey key = entry.getKey();
            Held<Meta> meta = entry.getValue().meta;
            if (meta == null) {
                ended(key);
                continue;
            }
            SessionKey other = latest.get(key.clientId());
            if (other == null || sessions.get(other).meta.location.offset() < meta.location.offset()) {
                latest.put(key.clientId(), key);
                if (other != null) {
                    ended(other);
                }
            } else {
                ended(key);
            }
        }
        List<StoredSession> all = new ArrayList<>(latest.size());
        for (SessionKey key : latest.values()) {
            Client client = sessions.get(key);
            Meta meta = client.meta.value;
            Map<String, StoredSession.Subscription> subscriptions = new LinkedHashMap<>();
            client.subscriptions.forEach((filter, held) -> subscriptions.put(filter, held.value));
            List<StoredSession.Message> messages = new ArrayList<>(client.messages.size());
            client.messages.forEach((seq, held) -> {
                Held<Sent> sent = client.sent.get(seq);
                StoredSession.Message message = held.value;
                messages.add(sent == null ? message : new StoredSession.Message(seq, message.publication(),
                        message.route(), sent.value.packetId(), sent.value.released()));
            });
            all.add(new StoredSession(key.clientId(), key.incarnation(), meta.expirySeconds(), meta.awaySinceMillis(),
                    meta.will(), subscriptions, messages, new java.util.HashSet<>(client.awaitingRelease.keySet())));
        }
        return all;
    }

    // ---- compaction -----------------------------------------------------------------------------------

    /**
     * Copies every live record with {@code copier}, in an order that reads back the same (a session's state
     * after its ATTACHED or AWAY record, a message's state after the message), and points the index at the copies.
     */
    void copyTo(Copier copier) throws IOException {
        for (Held<Publication> held : retained.values()) {
            held.location = copier.copy(held.location);
        }
        for (Client client : sessions.values()) {
            if (client.meta != null) {
                client.meta.location = copier.copy(client.meta.location);
            }
            for (Held<StoredSession.Subscription> held : client.subscriptions.values()) {
                held.location = copier.copy(held.location);
            }
            for (Map.Entry<Long, Held<StoredSession.Message>> message : client.messages.entrySet()) {
                message.getValue().location = copier.copy(message.getValue().location);
                Held<Sent> sent = client.sent.get(message.getKey());
                if (sent != null) {
                    sent.location = copier.copy(sent.location);
                }
            }
            for (Map.Entry<Integer, Location> awaiting : client.awaitingRelease.entrySet()) {
                awaiting.setValue(copier.copy(awaiting.getValue()));
            }
        }
    }

    private Client client(SessionKey key) {
        return sessions.computeIfAbsent(key, k -> new Client());
    }

    /** Accounts for a record that replaced {@code previous} (or removed it, {@code added} null). */
    private void replaced(Held<?> previous, Location added) {
        if (previous != null) {
            liveBytes -= previous.location.length();
        }
        if (added != null) {
            liveBytes += added.length();
        }
    }
}
