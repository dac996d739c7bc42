package io.autoresponder.support.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a conformance scenario against one broker: opens the scenario's peers and collects their
 * observations in order. Topic names and client ids are derived from the scenario's namespace so that the same
 * scenario against two brokers produces comparable transcripts, and runs on a shared broker do not meet.
 */
public final class ScenarioRun implements AutoCloseable {

    private final int port;
    private final String namespace;
    private final List<String> transcript = new ArrayList<>();
    private final List<ScriptedPeer> peers = new ArrayList<>();

    public ScenarioRun(int port, String namespace) {
        this.port = port;
        this.namespace = namespace;
    }

    /** A new connection speaking {@code version} (Packets.V311 or Packets.V5). */
    public ScriptedPeer peer(String name, int version) throws IOException {
        ScriptedPeer peer = new ScriptedPeer(name, version, port, transcript);
        peers.add(peer);
        return peer;
    }

    /** A topic of this scenario: {@code conf/<namespace>/<suffix>}. */
    public String topic(String suffix) {
        return "conf/" + namespace + "/" + suffix;
    }

    /** A client identifier of this scenario. */
    public String clientId(String name) {
        return name + "-" + namespace;
    }

    /** The namespace itself, for topics that must not start with {@code conf/}. */
    public String namespace() {
        return namespace;
    }

    /** Records a line of its own, e.g. a CONNACK property compared on its own. */
    public void note(String line) {
        transcript.add(line);
    }

    public List<String> transcript() {
        return transcript;
    }

    @Override
    public void close() throws IOException {
        for (ScriptedPeer peer : peers) {
            peer.close();
        }
    }
}
