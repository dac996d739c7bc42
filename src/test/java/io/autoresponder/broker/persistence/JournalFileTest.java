package io.autoresponder.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.broker.session.StoredSession;

/**
 * The journal's format read back: whole records in order, a last record cut short dropped (the machine stopped
 * while writing it), any other damage refused with its offset, and the records' values as they were written.
 */
class JournalFileTest {

    private static final BrokerClock CLOCK = new BrokerClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long setTimer(long delayMillis, Runnable action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancelTimer(long id) {
        }
    };

    @TempDir
    Path directory;

    private final Records records = new Records(CLOCK);

    @Test
    void recordsAreReadBackInOrder() throws IOException {
        Path file = journal(3);
        assertThat(bodies(file)).containsExactly("record 0", "record 1", "record 2");
    }

    @Test
    void aLastRecordCutShortIsDroppedAndReported() throws IOException {
        Path file = journal(3);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        List<String> read = new ArrayList<>();
        JournalFile.ReadEnd end = JournalFile.read(file, (body, at) -> read.add(text(body)));
        assertThat(read).containsExactly("record 0", "record 1");
        assertThat(end.tornBytes()).isEqualTo(Frame.HEADER + "record 2".length() - 3);
    }

    @Test
    void aLastRecordWithAWrongChecksumIsACutShortWrite() throws IOException {
        Path file = journal(3);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThat(bodies(file)).containsExactly("record 0", "record 1");
    }

    @Test
    void damageBeforeTheLastRecordIsRefusedWithItsOffset() throws IOException {
        Path file = journal(3);
        byte[] bytes = Files.readAllBytes(file);
        int secondBody = JournalFile.HEADER + Frame.HEADER + "record 0".length() + Frame.HEADER;
        bytes[secondBody] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> bodies(file)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("unreadable at byte " + (secondBody - Frame.HEADER))
                .hasMessageContaining("checksum");
    }

    @Test
    void aFileOfAnotherFormatIsRefused() throws IOException {
        Path file = directory.resolve("broker.journal");
        Files.write(file, "not a journal at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> bodies(file)).isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("not a journal of this broker");
        ByteBuffer future = ByteBuffer.allocate(8).putInt(JournalFile.MAGIC).putInt(JournalFile.VERSION + 1);
        Files.write(file, future.array());
        assertThatThrownBy(() -> bodies(file)).hasMessageContaining("format version " + (JournalFile.VERSION + 1));
    }

    @Test
    void sessionRecordsReadBackAsTheSessionTheyDescribe() throws IOException {
        Path file = directory.resolve("broker.journal");
        SessionKey key = new SessionKey("device-7", 42);
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value(), "re/7"));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value(),
                new byte[] {1, 2, 3}));
        properties.add(new MqttProperties.UserProperty("k", "v"));
        Publication message = new Publication("a/b", Buffer.buffer("{\"x\":1}"), MqttQoS.EXACTLY_ONCE, false,
                properties, "sender");
        try (JournalFile journal = JournalFile.create(file)) {
            journal.append(records.attached(key, 3600));
            journal.append(records.subscribed(key, "a/#", new MqttSubscriptionOption(MqttQoS.EXACTLY_ONCE, true, true,
                    MqttSubscriptionOption.RetainedHandlingPolicy.DONT_SEND_AT_SUBSCRIBE), 9));
            journal.append(records.subscribed(key, "gone", MqttSubscriptionOption.onlyFromQos(MqttQoS.AT_MOST_ONCE), 0));
            journal.append(records.unsubscribed(key, "gone"));
            journal.append(records.queued(key, 1, message, new Route(MqttQoS.EXACTLY_ONCE, null, List.of(9))));
            journal.append(records.queued(key, 2, message, new Route(MqttQoS.AT_LEAST_ONCE, null, List.of())));
            journal.append(records.queued(key, 3, message, new Route(MqttQoS.AT_LEAST_ONCE, null, List.of())));
            journal.append(records.sent(key, 1, 17));
            journal.append(records.released(key, 1, 17));
            journal.append(records.sent(key, 2, 18));
            journal.append(records.done(key, 2));
            journal.append(records.awaitingRelease(key, 5));
            journal.append(records.awaitingRelease(key, 6));
            journal.append(records.releaseDone(key, 5));
            journal.append(records.away(key, 3600, 1_000, null));
        }
        LiveIndex index = new LiveIndex();
        JournalFile.read(file, (body, at) -> records.apply(body, at, index));
        List<StoredSession> sessions = index.sessions();

        assertThat(sessions).hasSize(1);
        StoredSession session = sessions.get(0);
        assertThat(session.clientId()).isEqualTo("device-7");
        assertThat(session.incarnation()).isEqualTo(42);
        assertThat(session.awaySinceMillis()).isEqualTo(1_000);
        assertThat(session.subscriptions()).containsOnlyKeys("a/#");
        MqttSubscriptionOption options = session.subscriptions().get("a/#").options();
        assertThat(options.qos()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(options.isNoLocal()).isTrue();
        assertThat(options.isRetainAsPublished()).isTrue();
        assertThat(options.retainHandling()).isEqualTo(MqttSubscriptionOption.RetainedHandlingPolicy.DONT_SEND_AT_SUBSCRIBE);
        assertThat(session.subscriptions().get("a/#").subscriptionId()).isEqualTo(9);
        assertThat(session.messages()).extracting(StoredSession.Message::seq).containsExactly(1L, 3L);
        StoredSession.Message inFlight = session.messages().get(0);
        assertThat(inFlight.packetId()).isEqualTo(17);
        assertThat(inFlight.released()).isTrue();
        assertThat(inFlight.route().subscriptionIds()).containsExactly(9);
        assertThat(inFlight.publication().payload().toString()).isEqualTo("{\"x\":1}");
        assertThat(inFlight.publication().origin()).isEqualTo("sender");
        MqttProperties read = inFlight.publication().properties();
        assertThat(read.getProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value()).value()).isEqualTo("re/7");
        assertThat((byte[]) read.getProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value()).value())
                .containsExactly(1, 2, 3);
        assertThat(read.getProperties(MqttProperties.MqttPropertyType.USER_PROPERTY.value())).hasSize(1);
        assertThat(session.messages().get(1).packetId()).as("queued, never sent").isZero();
        assertThat(session.awaitingRelease()).containsExactly(6);
    }

    @Test
    void anEndedSessionAndAReplacedIncarnationAreNotReadBack() throws IOException {
        Path file = directory.resolve("broker.journal");
        SessionKey old = new SessionKey("device", 1);
        SessionKey replacement = new SessionKey("device", 2);
        SessionKey ended = new SessionKey("other", 3);
        try (JournalFile journal = JournalFile.create(file)) {
            journal.append(records.attached(old, 60));
            journal.append(records.attached(replacement, 120));
            journal.append(records.attached(ended, 60));
            journal.append(records.ended(ended));
        }
        LiveIndex index = new LiveIndex();
        JournalFile.read(file, (body, at) -> records.apply(body, at, index));
        assertThat(index.sessions()).extracting(StoredSession::incarnation).containsExactly(2L);
    }

    private Path journal(int count) throws IOException {
        Path file = directory.resolve("broker.journal");
        try (JournalFile journal = JournalFile.create(file)) {
            for (int i = 0; i < count; i++) {
                byte[] body = ("record " + i).getBytes(StandardCharsets.US_ASCII);
                byte[] frame = new byte[Frame.HEADER + body.length];
                System.arraycopy(body, 0, frame, Frame.HEADER, body.length);
                journal.append(Frame.seal(frame, frame.length));
            }
        }
        return file;
    }

    private static List<String> bodies(Path file) throws IOException {
        List<String> read = new ArrayList<>();
        JournalFile.read(file, (body, at) -> read.add(text(body)));
        return read;
    }

    private static String text(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
