package io.autoresponder.support.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds MQTT control packets byte by byte for one protocol version (4: MQTT 3.1.1, 5: MQTT 5.0), so that a
 * test can send exactly what the specification describes, including what real clients refuse to build.
 */
public final class Packets {

    public static final int V311 = 4;
    public static final int V5 = 5;

    private final int version;

    public Packets(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    /** A CONNECT to fill in; {@link Connect#bytes()} encodes it. */
    public Connect connect(String clientId) {
        return new Connect(clientId);
    }

    /** CONNECT (section 3.1): what the fields of the variable header and payload hold. */
    public final class Connect {
        private final String clientId;
        private boolean cleanStart = true;
        private int keepAlive = 60;
        private int reservedFlag;
        private Properties5 properties = Properties5.none();
        private String willTopic;
        private String willPayload;
        private int willQos;
        private boolean willRetain;
        private Properties5 willProperties = Properties5.none();
        private String userName;
        private String password;

        private Connect(String clientId) {
            this.clientId = clientId;
        }

        public Connect persistent() {
            cleanStart = false;
            return this;
        }

        public Connect keepAlive(int seconds) {
            keepAlive = seconds;
            return this;
        }

        /** Sets the reserved bit 0 of the connect flags, which the server must treat as malformed. */
        public Connect reservedFlag() {
            reservedFlag = 0x01;
            return this;
        }

        public Connect properties(Properties5 value) {
            properties = value;
            return this;
        }

        public Connect will(String topic, String payload, int qos, boolean retain) {
            willTopic = topic;
            willPayload = payload;
            willQos = qos;
            willRetain = retain;
            return this;
        }

        public Connect willProperties(Properties5 value) {
            willProperties = value;
            return this;
        }

        /** User name and password (section 3.1.3.5 and 3.1.3.6). */
        public Connect credentials(String user, String secret) {
            userName = user;
            password = secret;
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Wire.writeString(body, "MQTT");
            body.write(version);
            int flags = reservedFlag | (cleanStart ? 0x02 : 0);
            if (userName != null) {
                flags |= 0x80 | 0x40;
            }
            if (willTopic != null) {
                flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
            }
            body.write(flags);
            Wire.writeTwoBytes(body, keepAlive);
            writeProperties(body, properties);
            Wire.writeString(body, clientId);
            if (willTopic != null) {
                writeProperties(body, willProperties);
                Wire.writeString(body, willTopic);
                Wire.writeString(body, willPayload);
            }
            if (userName != null) {
                Wire.writeString(body, userName);
                Wire.writeString(body, password);
            }
            return Wire.packet(0x10, body.toByteArray());
        }
    }

    /** PUBLISH (section 3.3); {@code packetId} is ignored at QoS 0. */
    public byte[] publish(String topic, String payload, int qos, boolean retain, int packetId, Properties5 properties) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, packetId, properties);
    }

    public byte[] publish(String topic, byte[] payload, int qos, boolean retain, int packetId, Properties5 properties) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Wire.writeString(body, topic);
        if (qos > 0) {
            Wire.writeTwoBytes(body, packetId);
        }
        writeProperties(body, properties);
        body.writeBytes(payload);
        return Wire.packet(0x30 | (qos << 1) | (retain ? 1 : 0), body.toByteArray());
    }

    public byte[] publish(String topic, String payload, int qos, boolean retain, int packetId) {
        return publish(topic, payload, qos, retain, packetId, Properties5.none());
    }

    /**
     * SUBSCRIBE (section 3.8) to one filter; {@code options} is the subscription options byte: the maximum QoS
     * and, in MQTT 5, no-local (0x04), retain-as-published (0x08) and retain handling (bits 4-5).
     */
    public byte[] subscribe(int packetId, String filter, int options, Properties5 properties) {
        return subscribe(0x82, packetId, filter, options, properties);
    }

    public byte[] subscribe(int packetId, String filter, int options) {
        return subscribe(packetId, filter, options, Properties5.none());
    }

    /** SUBSCRIBE (MQTT 3.1.1 or 5, no properties) to several filters with the same options, in order. */
    public byte[] subscribeAll(int packetId, int options, String... filters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Wire.writeTwoBytes(body, packetId);
        writeProperties(body, Properties5.none());
        for (String filter : filters) {
            Wire.writeString(body, filter);
            body.write(options);
        }
        return Wire.packet(0x82, body.toByteArray());
    }

    /** SUBSCRIBE with a chosen first byte, e.g. with the reserved flag bits wrong [MQTT-3.8.1-1]. */
    public byte[] subscribe(int header, int packetId, String filter, int options, Properties5 properties) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Wire.writeTwoBytes(body, packetId);
        writeProperties(body, properties);
        Wire.writeString(body, filter);
        body.write(options);
        return Wire.packet(header, body.toByteArray());
    }

    /** UNSUBSCRIBE (section 3.10) from one filter. */
    public byte[] unsubscribe(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Wire.writeTwoBytes(body, packetId);
        writeProperties(body, Properties5.none());
        Wire.writeString(body, filter);
        return Wire.packet(0xA2, body.toByteArray());
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP with reason code 0 (short form). */
    public byte[] acknowledgement(int type, int packetId) {
        int flags = type == PacketText.PUBREL ? 0x02 : 0x00; // [MQTT-3.6.1-1]
        return new byte[] { (byte) (type << 4 | flags), 2, (byte) (packetId >> 8), (byte) packetId };
    }

    public byte[] pingreq() {
        return new byte[] { (byte) 0xC0, 0 };
    }

    /** DISCONNECT; in MQTT 5 with the reason code (0x04: disconnect with will message). */
    public byte[] disconnect(int reasonCode) {
        return version == V5 ? new byte[] { (byte) 0xE0, 1, (byte) reasonCode } : new byte[] { (byte) 0xE0, 0 };
    }

    /** MQTT 5 DISCONNECT with a reason code and properties, e.g. a Session Expiry Interval. */
    public byte[] disconnect(int reasonCode, Properties5 properties) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(reasonCode);
        writeProperties(body, properties);
        return Wire.packet(0xE0, body.toByteArray());
    }

    public byte[] disconnect() {
        return disconnect(0);
    }

    private void writeProperties(ByteArrayOutputStream body, Properties5 properties) {
        if (version == V5) {
            body.writeBytes(properties.encoded());
        }
    }
}
