package io.autoresponder.broker.persistence;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;

/**
 * The journal's record kinds: how each is written, and how each is read back into a {@link LiveIndex}. Session
 * records name their session by client id and incarnation. Times are written as epoch milliseconds, since the
 * broker's monotonic clock starts again with the process.
 */
final class Records {

    static final byte RETAINED = 1;
    static final byte RETAINED_CLEARED = 2;
    static final byte ATTACHED = 10;
    static final byte AWAY = 11;
    static final byte ENDED = 12;
    static final byte SUBSCRIBED = 20;
    static final byte UNSUBSCRIBED = 21;
    static final byte QUEUED = 30;
    static final byte SENT = 31;
    static final byte RELEASED = 32;
    static final byte DONE = 33;
    static final byte AWAITING_RELEASE = 40;
    static final byte RELEASE_DONE = 41;

    private static final long NEVER = -1;

    private final BrokerClock clock;

    Records(BrokerClock clock) {
        this.clock = clock;
    }

    // ---- writing ----------------------------------------------------------------------------------------

    ByteBuffer retained(Publication publication) {
        RecordOut out = new RecordOut(RETAINED, sizeOf(publication));
        writePublication(out, publication);
        return out.frame();
    }

    ByteBuffer retainedCleared(String topic) {
        return new RecordOut(RETAINED_CLEARED, topic.length() * 3).writeString(topic).frame();
    }

    ByteBuffer attached(SessionKey key, long expirySeconds) {
        return session(ATTACHED, key, 8).writeLong(expirySeconds).frame();
    }

    ByteBuffer away(SessionKey key, long expirySeconds, long awaySinceMillis, Will will) {
        RecordOut out = session(AWAY, key, 17 + (will == null ? 0 : will.payload().length() + will.topic().length()));
        out.writeLong(expirySeconds).writeLong(awaySinceMillis).writeBoolean(will != null);
        if (will != null) {
            out.writeString(will.topic()).writeBuffer(will.payload()).writeByte(will.qos().value())
                    .writeBoolean(will.retain()).writeProperties(will.properties()).writeNullable(will.origin())
                    .writeLong(will.delaySeconds());
        }
        return out.frame();
    }

    ByteBuffer ended(SessionKey key) {
        return session(ENDED, key, 0).frame();
    }

    ByteBuffer subscribed(SessionKey key, String filter, MqttSubscriptionOption options, int subscriptionId) {
        int flags = options.qos().value() | (options.isNoLocal() ? 4 : 0) | (options.isRetainAsPublished() ? 8 : 0)
                | options.retainHandling().value() << 4;
        return session(SUBSCRIBED, key, filter.length() * 3 + 9).writeString(filter).writeByte(flags)
                .writeInt(subscriptionId).frame();
    }

    ByteBuffer unsubscribed(SessionKey key, String filter) {
        return session(UNSUBSCRIBED, key, filter.length() * 3 + 4).writeString(filter).frame();
    }

    ByteBuffer queued(SessionKey key, long seq, Publication publication, Route route) {
        RecordOut out = session(QUEUED, key, sizeOf(publication) + 16 + 4 * route.subscriptionIds().size());
        out.writeLong(seq).writeByte(route.qos().value()).writeInt(route.subscriptionIds().size());
        for (int id : route.subscriptionIds()) {
            out.writeInt(id);
        }
        writePublication(out, publication);
        return out.frame();
    }

    ByteBuffer sent(SessionKey key, long seq, int packetId) {
        return session(SENT, key, 12).writeLong(seq).writeInt(packetId).frame();
    }

    ByteBuffer released(SessionKey key, long seq, int packetId) {
        return session(RELEASED, key, 12).writeLong(seq).writeInt(packetId).frame();
    }

    ByteBuffer done(SessionKey key, long seq) {
        return session(DONE, key, 8).writeLong(seq).frame();
    }

    ByteBuffer awaitingRelease(SessionKey key, int packetId) {
        return session(AWAITING_RELEASE, key, 4).writeInt(packetId).frame();
    }

    ByteBuffer releaseDone(SessionKey key, int packetId) {
        return session(RELEASE_DONE, key, 4).writeInt(packetId).frame();
    }

    private static RecordOut session(byte kind, SessionKey key, int sizeHint) {
        return new RecordOut(kind, key.clientId().length() * 3 + 12 + sizeHint).writeString(key.clientId())
                .writeLong(key.incarnation());
    }

    private void writePublication(RecordOut out, Publication publication) {
        long expires = publication.expiresAt() == Publication.NEVER ? NEVER
                : System.currentTimeMillis() + (publication.expiresAt() - clock.nanoTime()) / 1_000_000;
        out.writeString(publication.topic()).writeBuffer(publication.payload()).writeByte(publication.qos().value())
                .writeBoolean(publication.retain()).writeProperties(publication.properties())
                .writeNullable(publication.origin()).writeLong(expires);
    }

    private static int sizeOf(Publication publication) {
        return publication.payload().length() + publication.topic().length() * 3 + 64;
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /**
     * Applies one record's body, found at {@code location}, to {@code index}, with its values.
     *
     * @throws IllegalArgumentException when the body is not a record this broker writes
     */
    void apply(ByteBuffer body, Location location, LiveIndex index) {
        RecordIn in = new RecordIn(body);
        byte kind = (byte) in.readByte();
        switch (kind) {
            case RETAINED -> {
                Publication publication = readPublication(in);
                in.end();
                index.retained(publication.topic(), location, publication);
            }
            case RETAINED_CLEARED -> {
                String topic = in.readString();
                in.end();
                index.retainedCleared(topic);
            }
            default -> applySession(kind, new SessionKey(in.readString(), in.readLong()), in, location, index);
        }
    }

    private void applySession(byte kind, SessionKey key, RecordIn in, Location location, LiveIndex index) {
        switch (kind) {
            case ATTACHED -> {
                long expiry = in.readLong();
                in.end();
                index.attached(key, location, expiry);
            }
            case AWAY -> {
                long expiry = in.readLong();
                long since = in.readLong();
                Will will = in.readBoolean() ? new Will(in.readString(), in.readBuffer(), qos(in.readByte()),
                        in.readBoolean(), in.readProperties(), in.readNullable(), in.readLong()) : null;
                in.end();
                index.away(key, location, expiry, since, will);
            }
            case ENDED -> {
                in.end();
                index.ended(key);
            }
            case SUBSCRIBED -> {
                String filter = in.readString();
                int flags = in.readByte();
                int subscriptionId = in.readInt();
                in.end();
                MqttSubscriptionOption options = new MqttSubscriptionOption(qos(flags & 3), (flags & 4) != 0,
                        (flags & 8) != 0, RetainedHandlingPolicy.valueOf(flags >> 4));
                index.subscribed(key, filter, location, options, subscriptionId);
            }
            case UNSUBSCRIBED -> {
                String filter = in.readString();
                in.end();
                index.unsubscribed(key, filter);
            }
            case QUEUED -> {
                long seq = in.readLong();
                MqttQoS qos = qos(in.readByte());
                int ids = in.readInt();
                if (ids < 0 || ids > 65_535) {
                    throw new IllegalArgumentException(ids + " subscription identifiers");
                }
                List<Integer> subscriptionIds = new ArrayList<>(ids);
                for (int i = 0; i < ids; i++) {
                    subscriptionIds.add(in.readInt());
                }
                Publication publication = readPublication(in);
                in.end();
                index.queued(key, seq, location, publication, new Route(qos, null, List.copyOf(subscriptionIds)));
            }
            case SENT, RELEASED -> {
                long seq = in.readLong();
                int packetId = in.readInt();
                in.end();
                index.sent(key, seq, location, packetId, kind == RELEASED);
            }
            case DONE -> {
                long seq = in.readLong();
                in.end();
                index.done(key, seq);
            }
            case AWAITING_RELEASE -> {
                int packetId = in.readInt();
                in.end();
                index.awaitingRelease(key, packetId, location);
            }
            case RELEASE_DONE -> {
                int packetId = in.readInt();
                in.end();
                index.releaseDone(key, packetId);
            }
            default -> throw new IllegalArgumentException("unknown record kind " + kind);
        }
    }

    private Publication readPublication(RecordIn in) {
        String topic = in.readString();
        var payload = in.readBuffer();
        MqttQoS qos = qos(in.readByte());
        boolean retain = in.readBoolean();
        var properties = in.readProperties();
        String origin = in.readNullable();
        long expires = in.readLong();
        long expiresAt = expires == NEVER ? Publication.NEVER
                : clock.nanoTime() + (expires - System.currentTimeMillis()) * 1_000_000;
        return new Publication(topic, payload, qos, retain, properties, origin, expiresAt);
    }

    private static MqttQoS qos(int value) {
        if (value > 2) {
            throw new IllegalArgumentException("QoS " + value);
        }
        return MqttQoS.valueOf(value);
    }
}
