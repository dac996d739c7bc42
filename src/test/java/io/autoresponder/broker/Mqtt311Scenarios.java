package io.autoresponder.broker;

import static io.autoresponder.broker.ConformanceScenario.same;
import static io.autoresponder.support.wire.Packets.V311;

import java.io.IOException;
import java.util.List;

import io.autoresponder.support.wire.PacketText;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.Properties5;
import io.autoresponder.support.wire.ScenarioRun;
import io.autoresponder.support.wire.ScriptedPeer;

/**
 * MQTT 3.1.1 scenarios, after the tests of the Eclipse Paho interoperability suite (client_test.py) and the
 * OASIS MQTT 3.1.1 rule ids they exercise.
 */
final class Mqtt311Scenarios {

    /** How long a will must not appear: the broker publishes one when it notices a connection ended, which no sentinel orders. */
    private static final int WILL_SILENCE_MILLIS = 400;

    private Mqtt311Scenarios() {
    }

    static List<ConformanceScenario> all() {
        return List.of(
                same("basic: CONNECT, PINGREQ, DISCONNECT [MQTT-3.2.2-4] [MQTT-3.12.4-1] [MQTT-3.14.4-1]", run -> {
                    ScriptedPeer client = connected(run, "basic");
                    client.send(client.packets().pingreq()).expect();
                    client.send(client.packets().disconnect()).expect();
                }),
                same("QoS 0, 1 and 2 round trip [MQTT-4.3.1-1] [MQTT-4.3.2-2] [MQTT-4.3.3-2]", run -> {
                    String topic = run.topic("qos");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 2);
                    publishAtEveryQos(connected(run, "pub"), topic);
                    subscriber.expect().expect().acknowledgeLast().expect().acknowledgeLast().expectNothingMore();
                }),
                same("delivered at the lower of publish and subscription QoS [MQTT-3.8.4-6]", run -> {
                    String topic = run.topic("downgrade");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 1);
                    publishAtEveryQos(connected(run, "pub"), topic);
                    subscriber.expect().expect().acknowledgeLast().expect().acknowledgeLast().expectNothingMore();
                }),
                same("QoS 2 PUBLISH sent twice before PUBREL is delivered once [MQTT-4.3.3-2]", run -> {
                    String topic = run.topic("once");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 2);
                    ScriptedPeer publisher = connected(run, "pub");
                    Packets packets = publisher.packets();
                    publisher.send(packets.publish(topic, "once", 2, false, 5)).expect();
                    publisher.send(duplicate(packets.publish(topic, "once", 2, false, 5))).expect();
                    publisher.send(packets.acknowledgement(PacketText.PUBREL, 5)).expect();
                    subscriber.expect().acknowledgeLast().expectNothingMore();
                }),
                same("retained: set, replaced, sent on SUBSCRIBE, cleared by an empty payload [MQTT-3.3.1-5] "
                        + "[MQTT-3.3.1-8] [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]", run -> {
                            String topic = run.topic("retained");
                            ScriptedPeer publisher = connected(run, "pub");
                            Packets packets = publisher.packets();
                            publisher.send(packets.publish(topic, "first", 1, true, 1)).expect();
                            publisher.send(packets.publish(topic, "second", 1, true, 2)).expect();
                            ScriptedPeer subscriber = subscribed(run, "sub", topic, 1);
                            subscriber.expect().acknowledgeLast();
                            publisher.send(packets.publish(topic, "live", 0, true, 0));
                            subscriber.expect();
                            publisher.send(packets.publish(topic, "", 1, true, 3)).expect();
                            subscriber.expect().acknowledgeLast();
                            subscribed(run, "late", topic, 1).expectNothingMore();
                        }),
                same("will published when the connection is lost without DISCONNECT [MQTT-3.1.2-8]", run -> {
                    String topic = run.topic("will");
                    ScriptedPeer watcher = subscribed(run, "watcher", topic, 1);
                    ScriptedPeer dying = run.peer("dying", V311);
                    dying.connect(dying.packets().connect(run.clientId("dying")).will(topic, "gone", 1, false));
                    dying.drop();
                    watcher.expect().acknowledgeLast();
                }),
                same("retained will is kept as the retained message [MQTT-3.1.2-17]", run -> {
                    String topic = run.topic("will-retained");
                    ScriptedPeer watcher = subscribed(run, "watcher", topic, 0);
                    ScriptedPeer dying = run.peer("dying", V311);
                    dying.connect(dying.packets().connect(run.clientId("dying")).will(topic, "kept", 0, true));
                    dying.drop();
                    watcher.expect();
                    subscribed(run, "late", topic, 0).expect();
                }),
                same("no will after DISCONNECT [MQTT-3.1.2-10] [MQTT-3.14.4-3]", run -> {
                    String topic = run.topic("no-will");
                    ScriptedPeer watcher = subscribed(run, "watcher", topic, 1);
                    ScriptedPeer leaving = run.peer("leaving", V311);
                    leaving.connect(leaving.packets().connect(run.clientId("leaving")).will(topic, "x", 1, false));
                    leaving.send(leaving.packets().disconnect()).expect();
                    watcher.observe(WILL_SILENCE_MILLIS);
                }),
                ConformanceScenario.differs("keep-alive: silent for 1.5 times the keep-alive closes, the will is published "
                        + "[MQTT-3.1.2-24]",
                        "Mosquitto 2.0 closed the silent client only after more than 3 s (1.5 x 1 s is due)",
                        run -> {
                            String topic = run.topic("keep-alive");
                            ScriptedPeer watcher = subscribed(run, "watcher", topic, 0);
                            ScriptedPeer silent = run.peer("silent", V311);
                            silent.connect(silent.packets().connect(run.clientId("silent")).keepAlive(1)
                                    .will(topic, "timed out", 0, false));
                            silent.expect();
                            watcher.expect();
                        },
                        "watcher: CONNACK sp=0 rc=0x00", "watcher: SUBACK [0x00]", "silent: CONNACK sp=0 rc=0x00", "silent: closed", "watcher: PUBLISH conf/<ns>/keep-alive q0 r0 d0 'timed out'"),
                same("zero-length client id accepted with clean session [MQTT-3.1.3-6] [MQTT-3.1.3-7]", run -> {
                    ScriptedPeer client = run.peer("anonymous", V311);
                    client.connect(client.packets().connect(""));
                    client.send(client.packets().pingreq()).expect();
                }),
                same("zero-length client id refused without clean session: CONNACK 0x02, closed [MQTT-3.1.3-8] "
                        + "[MQTT-3.2.2-4]", run -> {
                            ScriptedPeer client = run.peer("anonymous", V311);
                            client.connect(client.packets().connect("").persistent());
                            client.expect();
                        }),
                same("persistent session: SUBSCRIBE kept, QoS 1 and 2 queued while offline, session present "
                        + "[MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.2.2-2]", run -> {
                            String topic = run.topic("offline");
                            ScriptedPeer away = run.peer("away", V311);
                            away.connect(away.packets().connect(run.clientId("away")).persistent());
                            away.send(away.packets().subscribe(1, topic, 2)).expect();
                            away.send(away.packets().disconnect()).expect();
                            publishAtEveryQos(connected(run, "pub"), topic);
                            ScriptedPeer back = run.peer("back", V311);
                            back.connect(back.packets().connect(run.clientId("away")).persistent());
                            back.expect().acknowledgeLast().expect().acknowledgeLast().expectNothingMore();
                        }),
                same("clean session discards the persistent session [MQTT-3.1.2-6] [MQTT-3.2.2-1]", run -> {
                    String topic = run.topic("discarded");
                    ScriptedPeer away = run.peer("away", V311);
                    away.connect(away.packets().connect(run.clientId("away")).persistent());
                    away.send(away.packets().subscribe(1, topic, 1)).expect();
                    away.send(away.packets().disconnect()).expect();
                    ScriptedPeer clean = run.peer("clean", V311);
                    clean.connect(clean.packets().connect(run.clientId("away")));
                    ScriptedPeer publisher = connected(run, "pub");
                    publisher.send(publisher.packets().publish(topic, "lost", 1, false, 1)).expect();
                    clean.expectNothingMore();
                }),
                same("unacknowledged QoS 1 and 2 re-sent with DUP on reconnect [MQTT-4.4.0-1] [MQTT-3.3.1-1]",
                        run -> {
                            String topic = run.topic("redelivery");
                            ScriptedPeer first = run.peer("first", V311);
                            first.connect(first.packets().connect(run.clientId("sub")).persistent());
                            first.send(first.packets().subscribe(1, topic, 2)).expect();
                            ScriptedPeer publisher = connected(run, "pub");
                            Packets packets = publisher.packets();
                            publisher.send(packets.publish(topic, "q1", 1, false, 1)).expect();
                            publisher.send(packets.publish(topic, "q2", 2, false, 2)).expect();
                            publisher.send(packets.acknowledgement(PacketText.PUBREL, 2)).expect();
                            first.expect().expect();
                            first.drop();
                            ScriptedPeer again = run.peer("again", V311);
                            again.connect(again.packets().connect(run.clientId("sub")).persistent());
                            again.expect().acknowledgeLast().expect().acknowledgeLast().expectNothingMore();
                        }),
                same("PUBREL re-sent on reconnect once PUBREC was sent [MQTT-4.4.0-1]", run -> {
                    String topic = run.topic("pubrel");
                    ScriptedPeer first = run.peer("first", V311);
                    first.connect(first.packets().connect(run.clientId("sub")).persistent());
                    first.send(first.packets().subscribe(1, topic, 2)).expect();
                    ScriptedPeer publisher = connected(run, "pub");
                    publisher.send(publisher.packets().publish(topic, "q2", 2, false, 1)).expect();
                    publisher.send(publisher.packets().acknowledgement(PacketText.PUBREL, 1)).expect();
                    first.expect();
                    first.send(first.packets().acknowledgement(PacketText.PUBREC, 1)).expect();
                    first.drop();
                    ScriptedPeer again = run.peer("again", V311);
                    again.connect(again.packets().connect(run.clientId("sub")).persistent());
                    again.expect().expectNothingMore();
                }),
                same("filters starting with a wildcard do not match topics starting with $ [MQTT-4.7.2-1]", run -> {
                    String ns = run.namespace();
                    ScriptedPeer subscriber = run.peer("sub", V311);
                    subscriber.connect(subscriber.packets().connect(run.clientId("sub")));
                    subscriber.send(subscriber.packets().subscribe(1, "+/" + ns + "/d", 0)).expect();
                    subscriber.send(subscriber.packets().subscribe(2, "$conf/" + ns + "/+", 0)).expect();
                    ScriptedPeer publisher = connected(run, "pub");
                    publisher.send(publisher.packets().publish("$conf/" + ns + "/d", "dollar", 0, false, 0));
                    publisher.send(publisher.packets().publish("x/" + ns + "/d", "plain", 0, false, 0));
                    subscriber.expect().expect().expectNothingMore();
                }),
                same("single-level and multi-level wildcards [MQTT-4.7.1-2] [MQTT-4.7.1-3]", run -> {
                    ScriptedPeer subscriber = run.peer("sub", V311);
                    subscriber.connect(subscriber.packets().connect(run.clientId("sub")));
                    subscriber.send(subscriber.packets().subscribe(1, run.topic("w/+/x"), 0)).expect();
                    subscriber.send(subscriber.packets().subscribe(2, run.topic("m/#"), 0)).expect();
                    ScriptedPeer publisher = connected(run, "pub");
                    for (String suffix : List.of("w/a/x", "w/x", "w//x", "w/a/b/x", "m", "m/a/b", "mm/a")) {
                        publisher.send(publisher.packets().publish(run.topic(suffix), suffix, 0, false, 0));
                    }
                    publisher.send(publisher.packets().pingreq()).expect(); // every QoS 0 PUBLISH routed by now
                    subscriber.expect(4).expectNothingMore();
                }),
                same("invalid filter a/#/b closes the connection [MQTT-4.7.1-2] [MQTT-4.8.0-1]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(client.packets().subscribe(1, run.topic("a/#/b"), 0)).expect();
                }),
                same("invalid filter a+ closes the connection [MQTT-4.7.1-3]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(client.packets().subscribe(1, run.topic("a+"), 0)).expect();
                }),
                ConformanceScenario.differs("overlapping subscriptions in one client [MQTT-3.3.5-1]",
                        "one copy at the highest QoS of the matching subscriptions as [MQTT-3.3.5-1] requires; Mosquitto 2.0 sends it at QoS 1",
                        run -> {
                    ScriptedPeer subscriber = connected(run, "sub");
                    subscriber.send(subscriber.packets().subscribe(1, run.topic("o/#"), 2)).expect();
                    subscriber.send(subscriber.packets().subscribe(2, run.topic("o/+"), 1)).expect();
                    ScriptedPeer publisher = connected(run, "pub");
                    publisher.send(publisher.packets().publish(run.topic("o/x"), "overlap", 2, false, 1)).expect();
                    publisher.send(publisher.packets().acknowledgement(PacketText.PUBREL, 1)).expect();
                    subscriber.expect().acknowledgeLast().expectNothingMore();
                },
                        "sub: CONNACK sp=0 rc=0x00", "sub: SUBACK [0x02]", "sub: SUBACK [0x01]", "pub: CONNACK sp=0 rc=0x00", "pub: PUBREC rc=0x00", "pub: PUBCOMP rc=0x00", "sub: PUBLISH conf/<ns>/o/x q2 r0 d0 'overlap'", "sub: PUBREL rc=0x00", "sub: PINGRESP"),
                same("SUBSCRIBE with several filters: one return code each, in order [MQTT-3.8.4-4] [MQTT-3.9.3-1]",
                        run -> {
                            ScriptedPeer subscriber = connected(run, "sub");
                            subscriber.send(subscriber.packets().subscribeAll(1, 2, run.topic("m/a"), run.topic("m/+"),
                                    run.topic("m/#"))).expect();
                            ScriptedPeer publisher = connected(run, "pub");
                            publisher.send(publisher.packets().publish(run.topic("other"), "x", 0, false, 0));
                            publisher.send(publisher.packets().publish(run.topic("m/b"), "y", 0, false, 0));
                            subscriber.expect().expectNothingMore();
                        }),
                same("retained QoS 2 message sent at the subscription's QoS 1 with RETAIN set [MQTT-3.3.1-6] "
                        + "[MQTT-3.8.4-6]", run -> {
                            String topic = run.topic("retained-downgrade");
                            ScriptedPeer publisher = connected(run, "pub");
                            publisher.send(publisher.packets().publish(topic, "kept", 2, true, 1)).expect();
                            publisher.send(publisher.packets().acknowledgement(PacketText.PUBREL, 1)).expect();
                            subscribed(run, "sub", topic, 1).expect().acknowledgeLast().expectNothingMore();
                        }),
                same("second SUBSCRIBE to a filter replaces the first [MQTT-3.8.4-3]", run -> {
                    String topic = run.topic("replace");
                    ScriptedPeer subscriber = subscribed(run, "sub", topic, 2);
                    subscriber.send(subscriber.packets().subscribe(2, topic, 0)).expect();
                    ScriptedPeer publisher = connected(run, "pub");
                    publisher.send(publisher.packets().publish(topic, "once", 1, false, 1)).expect();
                    subscriber.expect().expectNothingMore();
                }),
                same("UNSUBSCRIBE stops delivery and is acknowledged, also for an unknown filter [MQTT-3.10.4-1] "
                        + "[MQTT-3.10.4-4] [MQTT-3.10.4-5]", run -> {
                            String topic = run.topic("unsubscribe");
                            ScriptedPeer subscriber = subscribed(run, "sub", topic, 1);
                            subscriber.send(subscriber.packets().unsubscribe(2, topic)).expect();
                            subscriber.send(subscriber.packets().unsubscribe(3, run.topic("never"))).expect();
                            ScriptedPeer publisher = connected(run, "pub");
                            publisher.send(publisher.packets().publish(topic, "gone", 1, false, 1)).expect();
                            subscriber.expectNothingMore();
                        }),
                same("second connection with the same client id takes over, the first is closed [MQTT-3.1.4-2]",
                        run -> {
                            ScriptedPeer first = connected(run, "twin");
                            ScriptedPeer second = run.peer("second", V311);
                            second.connect(second.packets().connect(run.clientId("twin")));
                            first.expect();
                            second.send(second.packets().pingreq()).expect();
                        }),
                same("malformed: remaining length of five bytes closes the connection [MQTT-2.2.3]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(new byte[] { 0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01 })
                            .expect();
                }),
                same("malformed: second CONNECT closes the connection [MQTT-3.1.0-2]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(client.packets().connect(run.clientId("bad")).bytes()).expect();
                }),
                same("malformed: first packet not CONNECT closes the connection [MQTT-3.1.0-1]", run -> {
                    ScriptedPeer client = run.peer("bad", V311);
                    client.send(client.packets().pingreq()).expect();
                }),
                same("malformed: reserved CONNECT flag set closes the connection [MQTT-3.1.2-3]", run -> {
                    ScriptedPeer client = run.peer("bad", V311);
                    client.connect(client.packets().connect(run.clientId("bad")).reservedFlag());
                }),
                same("unsupported protocol level: CONNACK 0x01, closed [MQTT-3.1.2-2]", run -> {
                    ScriptedPeer client = run.peer("bad", V311);
                    client.connect(new Packets(6).connect(run.clientId("bad")));
                    client.expect();
                }),
                same("malformed: SUBSCRIBE with reserved bits 0000 closes the connection [MQTT-3.8.1-1]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(client.packets().subscribe(0x80, 1, run.topic("x"), 0,
                            Properties5.none())).expect();
                }),
                same("malformed: PUBLISH with QoS 3 closes the connection [MQTT-3.3.1-4]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    byte[] publish = client.packets().publish(run.topic("x"), "x", 2, false, 1);
                    publish[0] |= 0x06;
                    client.send(publish).expect();
                }),
                same("malformed: QoS 1 PUBLISH with packet identifier 0 closes the connection [MQTT-2.3.1-1]",
                        run -> {
                            ScriptedPeer client = connected(run, "bad");
                            client.send(client.packets().publish(run.topic("x"), "x", 1, false, 0)).expect();
                        }),
                same("malformed: SUBSCRIBE without a filter closes the connection [MQTT-3.8.3-3]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(new byte[] { (byte) 0x82, 2, 0, 1 }).expect();
                }),
                same("malformed: reserved packet type 15 in MQTT 3.1.1 closes the connection [MQTT-2.2.1]", run -> {
                    ScriptedPeer client = connected(run, "bad");
                    client.send(new byte[] { (byte) 0xF0, 0 }).expect();
                }));
    }

    static ScriptedPeer connected(ScenarioRun run, String name) throws IOException {
        ScriptedPeer peer = run.peer(name, V311);
        return peer.connect(peer.packets().connect(run.clientId(name)));
    }

    static ScriptedPeer subscribed(ScenarioRun run, String name, String filter, int qos) throws IOException {
        ScriptedPeer peer = connected(run, name);
        return peer.send(peer.packets().subscribe(1, filter, qos)).expect();
    }

    /** QoS 0, 1 and 2, the publisher's side of each flow recorded. */
    static void publishAtEveryQos(ScriptedPeer publisher, String topic) throws IOException {
        Packets packets = publisher.packets();
        publisher.send(packets.publish(topic, "q0", 0, false, 0));
        publisher.send(packets.publish(topic, "q1", 1, false, 1)).expect();
        publisher.send(packets.publish(topic, "q2", 2, false, 2)).expect();
        publisher.send(packets.acknowledgement(PacketText.PUBREL, 2)).expect();
    }

    private static byte[] duplicate(byte[] publish) {
        publish[0] |= 0x08;
        return publish;
    }
}
