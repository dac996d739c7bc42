package io.autoresponder.broker;

import static io.autoresponder.broker.ConformanceScenario.same;
import static io.autoresponder.support.wire.Packets.V5;

import java.io.IOException;
import java.util.List;

import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.Properties5;
import io.autoresponder.support.wire.ScenarioRun;
import io.autoresponder.support.wire.ScriptedPeer;

/**
 * MQTT 5.0 scenarios, after the tests of the Eclipse Paho interoperability suite (client_test5.py) and the
 * OASIS MQTT 5.0 rule ids they exercise.
 */
final class Mqtt5Scenarios {

    /** How long a will must not appear: the broker publishes one when it notices a connection ended, which no sentinel orders. */
    private static final int WILL_SILENCE_MILLIS = 400;
    private static final int NO_LOCAL = 0x04;
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final int SEND_RETAINED_IF_NEW = 0x10;
    private static final int NEVER_SEND_RETAINED = 0x20;

    private Mqtt5Scenarios() {
    }

    static List<ConformanceScenario> all() {
        return List.of(
                same("v5 zero-length client id gets an assigned client identifier [MQTT-3.1.3-6] [MQTT-3.2.2-16]",
                        run -> {
                            ScriptedPeer client = run.peer("anonymous", V5);
                            client.connect(client.packets().connect(""));
                            client.send(client.packets().pingreq()).expect();
                        }),
                same("v5 zero-length client id with Clean Start 0 [MQTT-3.1.3-6] [MQTT-3.1.3-7]", run -> {
                    ScriptedPeer client = run.peer("anonymous", V5);
                    client.connect(client.packets().connect("").persistent());
                    client.send(client.packets().pingreq()).expect();
                }),
                same("v5 session kept for its expiry interval, then discarded [MQTT-3.1.2-23] [MQTT-3.2.2-2]",
                        run -> {
                            String topic = run.topic("expiry");
                            ScriptedPeer first = connected(run, "first", "s", sessionExpiry(60), true);
                            first.send(first.packets().subscribe(1, topic, 1)).expect();
                            first.send(first.packets().disconnect()).expect();
                            ScriptedPeer second = connected(run, "second", "s", sessionExpiry(1), true);
                            second.send(second.packets().disconnect()).expect();
                            connected(run, "clock", "clock", Properties5.none(), false).observe(2_500);
                            connected(run, "third", "s", sessionExpiry(60), true);
                        }),
                same("v5 session expiry 0: the session ends with the connection [MQTT-3.1.2-23]", run -> {
                    String topic = run.topic("no-expiry");
                    ScriptedPeer first = connected(run, "first", "s", Properties5.none(), true);
                    first.send(first.packets().subscribe(1, topic, 1)).expect();
                    first.send(first.packets().disconnect()).expect();
                    connected(run, "second", "s", Properties5.none(), true);
                }),
                same("v5 will published after the will delay interval [MQTT-3.1.3-9]", run -> {
                    String topic = run.topic("will-delay");
                    ScriptedPeer watcher = subscribed(run, "watcher", topic, 1, Properties5.none());
                    ScriptedPeer dying = run.peer("dying", V5);
                    dying.connect(dying.packets().connect(run.clientId("dying")).properties(sessionExpiry(10))
                            .will(topic, "late", 1, false).willProperties(willDelay(1)));
                    dying.drop();
                    watcher.observe(WILL_SILENCE_MILLIS).expect().acknowledgeLast();
                }),
                same("v5 will not published when the session reconnects within the will delay [MQTT-3.1.3-9]",
                        run -> {
                            String topic = run.topic("will-cancelled");
                            ScriptedPeer watcher = subscribed(run, "watcher", topic, 1, Properties5.none());
                            ScriptedPeer dying = run.peer("dying", V5);
                            dying.connect(dying.packets().connect(run.clientId("dying")).properties(sessionExpiry(10))
                                    .will(topic, "late", 1, false).willProperties(willDelay(1)));
                            dying.drop();
                            ScriptedPeer back = run.peer("back", V5);
                            back.connect(back.packets().connect(run.clientId("dying")).persistent()
                                    .properties(sessionExpiry(10)));
                            watcher.observe(2_000);
                            back.send(back.packets().disconnect()).expect();
                        }),
                same("v5 DISCONNECT 0x04 publishes the will, DISCONNECT 0x00 does not [MQTT-3.1.2-10] "
                        + "[MQTT-3.14.4-3]", run -> {
                            String topic = run.topic("disconnect-will");
                            ScriptedPeer watcher = subscribed(run, "watcher", topic, 0, Properties5.none());
                            ScriptedPeer normal = run.peer("normal", V5);
                            normal.connect(normal.packets().connect(run.clientId("normal")).will(topic, "n", 0, false));
                            normal.send(normal.packets().disconnect(0x00)).expect();
                            ScriptedPeer withWill = run.peer("withWill", V5);
                            withWill.connect(withWill.packets().connect(run.clientId("withWill"))
                                    .will(topic, "w", 0, false));
                            withWill.send(withWill.packets().disconnect(0x04)).expect();
                            watcher.expect().expectNothingMore();
                        }),
                ConformanceScenario.differs("v5 second connection with the same id: DISCONNECT 0x8E to the first [MQTT-3.1.4-3]",
                        "DISCONNECT 0x8E to the old connection as [MQTT-3.1.4-3] says; Mosquitto 2.0 closes it without DISCONNECT",
                        run -> {
                    ScriptedPeer first = connected(run, "first", "twin", Properties5.none(), false);
                    connected(run, "second", "twin", Properties5.none(), false);
                    first.expect().expect();
                },
                        "first: CONNACK sp=0 rc=0x00", "second: CONNACK sp=0 rc=0x00", "first: DISCONNECT rc=0x8E", "first: closed"),
                same("v5 client Receive Maximum 1: one unacknowledged QoS 1 message at a time [MQTT-3.3.4-9]",
                        run -> {
                            String topic = run.topic("receive-maximum");
                            ScriptedPeer narrow = run.peer("narrow", V5);
                            narrow.connect(narrow.packets().connect(run.clientId("narrow"))
                                    .properties(Properties5.none().twoBytes(0x21, 1)));
                            narrow.send(narrow.packets().subscribe(1, topic, 1)).expect();
                            ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                            publisher.send(publisher.packets().publish(topic, "first", 1, false, 1)).expect();
                            publisher.send(publisher.packets().publish(topic, "second", 1, false, 2)).expect();
                            narrow.expect().expectNothingMore().acknowledgeLast().expect().acknowledgeLast();
                        }),
                same("v5 DISCONNECT may not set a session expiry when CONNECT had 0 [MQTT-3.14.2-2]", run -> {
                    ScriptedPeer client = connected(run, "c", "c", Properties5.none(), false);
                    client.send(client.packets().disconnect(0, sessionExpiry(60))).expect().expect();
                }),
                same("v5 will properties carried onto the will message [MQTT-3.1.3-10] [MQTT-3.3.2-18]", run -> {
                    String topic = run.topic("will-properties");
                    ScriptedPeer watcher = subscribed(run, "watcher", topic, 0, Properties5.none());
                    ScriptedPeer dying = run.peer("dying", V5);
                    dying.connect(dying.packets().connect(run.clientId("dying")).will(topic, "bye", 0, false)
                            .willProperties(Properties5.none().string(Properties5.CONTENT_TYPE, "text/plain")
                                    .string(Properties5.RESPONSE_TOPIC, run.topic("r"))
                                    .userProperty("k", "v")));
                    dying.drop();
                    watcher.expect();
                }),
                same("v5 no-local: own messages not delivered back [MQTT-3.8.3-3]", run -> {
                    String topic = run.topic("no-local");
                    ScriptedPeer self = subscribed(run, "self", topic, 1 | NO_LOCAL, Properties5.none());
                    ScriptedPeer other = subscribed(run, "other", topic, 1, Properties5.none());
                    self.send(self.packets().publish(topic, "mine", 1, false, 7)).expect().expectNothingMore();
                    other.expect().acknowledgeLast();
                }),
                same("v5 retain-as-published keeps RETAIN on forwarded messages [MQTT-3.3.1-12] [MQTT-3.3.1-13]",
                        run -> {
                            String topic = run.topic("rap");
                            ScriptedPeer plain = subscribed(run, "plain", topic, 0, Properties5.none());
                            ScriptedPeer kept = subscribed(run, "kept", topic, RETAIN_AS_PUBLISHED, Properties5.none());
                            ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                            publisher.send(publisher.packets().publish(topic, "r", 0, true, 0));
                            plain.expect();
                            kept.expect();
                        }),
                same("v5 retain handling 0, 1 and 2 [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]", run -> {
                    String topic = run.topic("rh");
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(topic, "kept", 0, true, 0));
                    publisher.send(publisher.packets().pingreq()).expect();
                    ScriptedPeer always = subscribed(run, "always", topic, 0, Properties5.none());
                    always.expect();
                    always.send(always.packets().subscribe(2, topic, 0)).expect().expect();
                    ScriptedPeer ifNew = subscribed(run, "ifNew", topic, SEND_RETAINED_IF_NEW, Properties5.none());
                    ifNew.expect();
                    ifNew.send(ifNew.packets().subscribe(2, topic, SEND_RETAINED_IF_NEW)).expect()
                            .expectNothingMore();
                    subscribed(run, "never", topic, NEVER_SEND_RETAINED, Properties5.none()).expectNothingMore();
                }),
                same("v5 subscription identifier carried in PUBLISH [MQTT-3.3.4-3] [MQTT-3.8.2-1]", run -> {
                    String topic = run.topic("sid");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 1,
                            Properties5.none().variableInt(Properties5.SUBSCRIPTION_ID, 7));
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(topic, "x", 0, false, 0));
                    subscriber.expect();
                }),
                ConformanceScenario.differs("v5 overlapping subscriptions with identifiers [MQTT-3.3.4-3] "
                        + "[MQTT-3.3.4-4] [MQTT-3.3.4-5]",
                        "one copy with both identifiers at the highest QoS, as the issue asks (MQTT 5.0 section "
                                + "3.3.4 allows it); Mosquitto 2.0 sends one copy per subscription",
                        run -> {
                            ScriptedPeer subscriber = run.peer("sub", V5);
                            subscriber.connect(subscriber.packets().connect(run.clientId("sub")));
                            subscriber.send(subscriber.packets().subscribe(1, run.topic("o/#"), 0,
                                    Properties5.none().variableInt(Properties5.SUBSCRIPTION_ID, 7))).expect();
                            subscriber.send(subscriber.packets().subscribe(2, run.topic("o/+"), 1,
                                    Properties5.none().variableInt(Properties5.SUBSCRIPTION_ID, 9))).expect();
                            ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                            publisher.send(publisher.packets().publish(run.topic("o/x"), "x", 1, false, 1)).expect();
                            subscriber.expect().acknowledgeLast().expectNothingMore();
                        },
                        "sub: CONNACK sp=0 rc=0x00", "sub: SUBACK [0x00]", "sub: SUBACK [0x01]",
                        "pub: CONNACK sp=0 rc=0x00", "pub: PUBACK rc=0x00",
                        "sub: PUBLISH conf/<ns>/o/x q1 r0 d0 {11=7,9} 'x'", "sub: PINGRESP"),
                same("v5 expired messages are not sent to a returning session [MQTT-3.3.2-5] [MQTT-3.3.2-6]", run -> {
                    String topic = run.topic("message-expiry");
                    ScriptedPeer away = connected(run, "away", "away", sessionExpiry(60), true);
                    away.send(away.packets().subscribe(1, topic, 1)).expect();
                    away.send(away.packets().disconnect()).expect();
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(topic, "short", 1, false, 1,
                            Properties5.none().fourBytes(Properties5.MESSAGE_EXPIRY, 1))).expect();
                    publisher.send(publisher.packets().publish(topic, "long", 1, false, 2,
                            Properties5.none().fourBytes(Properties5.MESSAGE_EXPIRY, 100))).expect();
                    publisher.observe(2_500);
                    ScriptedPeer back = connected(run, "back", "away", sessionExpiry(60), true);
                    back.expect().acknowledgeLast().expectNothingMore();
                    back.send(back.packets().disconnect()).expect();
                    connected(run, "cleanup", "away", Properties5.none(), false);
                }),
                same("v5 request/response and content properties passed through [MQTT-3.3.2-4] [MQTT-3.3.2-15] "
                        + "[MQTT-3.3.2-16] [MQTT-3.3.2-17] [MQTT-3.3.2-18] [MQTT-3.3.2-20]", run -> {
                            String topic = run.topic("properties");
                            ScriptedPeer subscriber = subscribed(run, "sub", topic, 1, Properties5.none());
                            ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                            publisher.send(publisher.packets().publish(topic, "{\"a\":1}", 1, false, 1, Properties5.none()
                                    .byteValue(Properties5.PAYLOAD_FORMAT, 1)
                                    .string(Properties5.CONTENT_TYPE, "application/json")
                                    .string(Properties5.RESPONSE_TOPIC, run.topic("reply"))
                                    .binary(Properties5.CORRELATION_DATA, new byte[] { 0, 1, (byte) 0xFE })
                                    .userProperty("b", "2").userProperty("a", "1").userProperty("b", "3"))).expect();
                            subscriber.expect().acknowledgeLast();
                        }),
                ConformanceScenario.differs("v5 payload format indicator 1 with invalid UTF-8 [MQTT-3.3.2-4]",
                        "the payload is validated and refused with PUBACK 0x99 (MQTT 5.0 section 3.3.2.3.2 allows it); Mosquitto 2.0 forwards it",
                        run -> {
                    String topic = run.topic("pfi");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 1, Properties5.none());
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(topic, new byte[] { 'a', (byte) 0xC3, 0x28 }, 1, false, 1,
                            Properties5.none().byteValue(Properties5.PAYLOAD_FORMAT, 1))).expect();
                    subscriber.expectNothingMore();
                },
                        "sub: CONNACK sp=0 rc=0x00", "sub: SUBACK [0x01]", "pub: CONNACK sp=0 rc=0x00", "pub: PUBACK rc=0x99", "sub: PINGRESP"),
                same("v5 inbound topic alias set then used with an empty topic [MQTT-3.3.2-12] [MQTT-3.3.4-1]",
                        run -> {
                            String topic = run.topic("alias");
                            ScriptedPeer subscriber = subscribed(run, "sub", topic, 0, Properties5.none());
                            ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                            Packets packets = publisher.packets();
                            publisher.send(packets.publish(topic, "set", 0, false, 0,
                                    Properties5.none().twoBytes(Properties5.TOPIC_ALIAS, 1)));
                            publisher.send(packets.publish("", "used", 0, false, 0,
                                    Properties5.none().twoBytes(Properties5.TOPIC_ALIAS, 1)));
                            subscriber.expect().expect();
                        }),
                ConformanceScenario.differs("v5 topic alias 0 is a protocol error: DISCONNECT 0x94 [MQTT-3.3.2-8]",
                        "DISCONNECT 0x94 Topic Alias invalid as MQTT 5.0 section 3.3.2.3.4 says; Mosquitto 2.0 answers 0x81 Malformed Packet",
                        run -> {
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(run.topic("a"), "x", 0, false, 0,
                            Properties5.none().twoBytes(Properties5.TOPIC_ALIAS, 0))).expect().expect();
                },
                        "pub: CONNACK sp=0 rc=0x00", "pub: DISCONNECT rc=0x94", "pub: closed"),
                same("v5 topic alias above the maximum: DISCONNECT 0x94 [MQTT-3.3.2-9]", run -> {
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(run.topic("a"), "x", 0, false, 0,
                            Properties5.none().twoBytes(Properties5.TOPIC_ALIAS, 65_535))).expect().expect();
                }),
                same("v5 client maximum packet size: larger messages are not sent to it [MQTT-3.1.2-25]", run -> {
                    String topic = run.topic("max-packet");
                    ScriptedPeer small = run.peer("small", V5);
                    small.connect(small.packets().connect(run.clientId("small"))
                            .properties(Properties5.none().fourBytes(0x27, 100)));
                    small.send(small.packets().subscribe(1, topic, 0)).expect();
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(topic, "x".repeat(200), 0, false, 0));
                    publisher.send(publisher.packets().publish(topic, "fits", 0, false, 0));
                    small.expect().expectNothingMore();
                }),
                ConformanceScenario.differs("v5 PUBACK when nobody subscribes [MQTT 5.0 3.4.2.1]",
                        "PUBACK 0x00 even without subscribers (in-process consumers may subscribe at any time; 0x10 is a MAY); Mosquitto 2.0 answers 0x10",
                        run -> {
                    ScriptedPeer publisher = connected(run, "pub", "pub", Properties5.none(), false);
                    publisher.send(publisher.packets().publish(run.topic("nobody"), "x", 1, false, 1)).expect();
                    publisher.send(publisher.packets().publish(run.topic("nobody"), "x", 2, false, 2)).expect();
                },
                        "pub: CONNACK sp=0 rc=0x00", "pub: PUBACK rc=0x00", "pub: PUBREC rc=0x00"),
                same("v5 UNSUBACK reason codes: success, no subscription existed [MQTT-3.11.3-1]", run -> {
                    String topic = run.topic("unsub");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 0, Properties5.none());
                    subscriber.send(subscriber.packets().unsubscribe(2, topic)).expect();
                    subscriber.send(subscriber.packets().unsubscribe(3, topic)).expect();
                }),
                same("v5 malformed filter a/#/b closes the connection [MQTT-4.7.1-1] [MQTT-4.13.1-1]", run -> {
                    ScriptedPeer client = connected(run, "bad", "bad", Properties5.none(), false);
                    client.send(client.packets().subscribe(1, run.topic("a/#/b"), 0)).expect().expect();
                }),
                ConformanceScenario.differs("v5 SUBSCRIBE with subscription identifier 0 is a protocol error [MQTT-3.8.2-1]",
                        "DISCONNECT 0x82 Protocol Error as MQTT 5.0 section 3.8.2.1.2 says; Mosquitto 2.0 answers 0x81 Malformed Packet",
                        run -> {
                    ScriptedPeer client = connected(run, "bad", "bad", Properties5.none(), false);
                    client.send(client.packets().subscribe(1, run.topic("x"), 0,
                            Properties5.none().variableInt(Properties5.SUBSCRIPTION_ID, 0))).expect().expect();
                },
                        "bad: CONNACK sp=0 rc=0x00", "bad: DISCONNECT rc=0x82", "bad: closed"),
                ConformanceScenario.differs("v5 second CONNECT is a protocol error [MQTT-3.1.0-2]",
                        "DISCONNECT 0x82 Protocol Error before the close, as MQTT 5.0 section 4.13.1 advises; Mosquitto 2.0 "
                                + "closes without DISCONNECT",
                        run -> {
                    ScriptedPeer client = connected(run, "bad", "bad", Properties5.none(), false);
                    client.send(client.packets().connect(run.clientId("bad")).bytes()).expect().expect();
                },
                        "bad: CONNACK sp=0 rc=0x00", "bad: DISCONNECT rc=0x82", "bad: closed"),
                same("v5 PUBLISH with QoS 3 is malformed [MQTT-3.3.1-4]", run -> {
                    ScriptedPeer client = connected(run, "bad", "bad", Properties5.none(), false);
                    byte[] publish = client.packets().publish(run.topic("x"), "x", 2, false, 1);
                    publish[0] |= 0x06;
                    client.send(publish).expect().expect();
                }),
                ConformanceScenario.differs("v5 CONNACK properties announce the server's limits [MQTT-3.2.2-3]",
                        "the embedded broker announces its own limits: Receive Maximum 1000 (Mosquitto 20), Maximum Packet Size "
                                + "(autoresponder.broker.max-message-size; Mosquitto none) and Subscription Identifiers "
                                + "Available 1 (absent also means available)", run -> {
                            ScriptedPeer client = connected(run, "c", "c", Properties5.none(), false);
                            run.note("CONNACK properties " + client.connAckProperties());
                        }, "c: CONNACK sp=0 rc=0x00", "CONNACK properties {33=1000, 34=10, 39=262144, 41=1}"));
    }

    private static ScriptedPeer connected(ScenarioRun run, String name, String client, Properties5 properties,
            boolean persistent) throws IOException {
        ScriptedPeer peer = run.peer(name, V5);
        Packets.Connect connect = peer.packets().connect(run.clientId(client)).properties(properties);
        return peer.connect(persistent ? connect.persistent() : connect);
    }

    private static ScriptedPeer subscribed(ScenarioRun run, String name, String filter, int options,
            Properties5 properties) throws IOException {
        ScriptedPeer peer = connected(run, name, name, Properties5.none(), false);
        return peer.send(peer.packets().subscribe(1, filter, options, properties)).expect();
    }

    private static Properties5 sessionExpiry(long seconds) {
        return Properties5.none().fourBytes(Properties5.SESSION_EXPIRY, seconds);
    }

    private static Properties5 willDelay(long seconds) {
        return Properties5.none().fourBytes(Properties5.WILL_DELAY, seconds);
    }
}
