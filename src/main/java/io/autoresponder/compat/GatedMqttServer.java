package io.autoresponder.compat;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.DeflateFrameServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

/**
 * Vert.x MQTT's server with a {@link PacketGate} in front of each connection's protocol handling.
 * <p>
 * Why not {@link MqttServer#create}: its server gives no hold on a connection before CONNECT, and three things
 * follow from what Vert.x MQTT 4.5 then does with a client's bytes:
 * <ul>
 * <li>a decoder failure before CONNECT reaches a connection with no exception handler, which logs it at ERROR:
 * any client could fill the log;</li>
 * <li>a packet sent after CONNECT but before CONNACK, which MQTT 3.1.1 section 3.1.4 allows, throws
 * {@code IllegalStateException} and closes the connection;</li>
 * <li>a second CONNECT the decoder refuses (unsupported protocol level) replaces the connection's endpoint, so
 * the close reaches the new endpoint, not the one the broker registered: the registration leaked.</li>
 * </ul>
 * This server binds its own {@link NetServer} with the pipeline {@code MqttServerImpl} builds and drives Vert.x's
 * public {@code MqttServerConnection} through its package-private {@code handleMessage} and
 * {@code handleHandshakeComplete}, checked at start like every internal we use.
 */
// Native image: the two methods are called reflectively.
@RegisterForReflection(classNames = "io.vertx.mqtt.impl.MqttServerConnection", methods = true, fields = false)
public final class GatedMqttServer {

    static final Dependency VERTX_MQTT = PubRecWithReason.VERTX_MQTT;
    private static final String CONNECTION = "io.vertx.mqtt.impl.MqttServerConnection";
    private static final InternalMethod HANDLE_MESSAGE = InternalMethod.of(VERTX_MQTT, CONNECTION, "handleMessage",
            "pass decoded packets to Vert.x MQTT after the broker's packet gate", Object.class);
    private static final InternalMethod HANDLE_HANDSHAKE = InternalMethod.of(VERTX_MQTT, CONNECTION,
            "handleHandshakeComplete", "give MQTT over WebSocket clients their HTTP headers",
            WebSocketServerProtocolHandler.HandshakeComplete.class);
    private static final String HANDLER = "handler";

    private final MqttServerOptions options;
    private final NetServer server;
    private final Handler<MqttEndpoint> endpointHandler;
    private final Handler<Throwable> refusals;
    private final PacketGate.Factory gates;

    /**
     * A server that gives each connection's endpoint to {@code endpointHandler} once its CONNECT passed its gate.
     *
     * @param refusals what Vert.x MQTT reports when it refuses a CONNECT itself (as {@code MqttServer}'s exception
     *        handler)
     */
    public GatedMqttServer(Vertx vertx, MqttServerOptions options, Handler<MqttEndpoint> endpointHandler,
            Handler<Throwable> refusals, PacketGate.Factory gates) {
        this.options = options;
        this.server = vertx.createNetServer(options);
        this.endpointHandler = endpointHandler;
        this.refusals = refusals;
        this.gates = gates;
    }

    /** Throws {@link IllegalStateException} naming Vert.x MQTT and its version when its internals moved. */
    static void check() {
        HANDLE_MESSAGE.check();
        HANDLE_HANDSHAKE.check();
        try {
            Class.forName(CONNECTION, false, MqttServer.class.getClassLoader()).getConstructor(NetSocketInternal.class,
                    Handler.class, Handler.class, MqttServerOptions.class);
        } catch (ReflectiveOperationException e) {
            throw VERTX_MQTT.unsupported("constructor of " + CONNECTION, "not found",
                    "serve MQTT connections behind the broker's packet gate");
        }
    }

    /** Binds the port of the options; completes once connections are accepted. */
    public Future<GatedMqttServer> listen() {
        server.connectHandler(socket -> accept((NetSocketInternal) socket));
        return server.listen(options.getPort(), options.getHost()).map(this);
    }

    public int actualPort() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }

    private void accept(NetSocketInternal socket) {
        ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
        PacketGate[] gate = new PacketGate[1];
        Object connection = new io.vertx.mqtt.impl.MqttServerConnection(socket, endpoint -> {
            gate[0].onEndpoint(endpoint);
            endpointHandler.handle(endpoint);
        }, refusals, options);
        gate[0] = gates.open(new GatedConnection(pipeline.channel(), packet -> {
            synchronized (connection) {
                HANDLE_MESSAGE.invoke(connection, packet);
            }
        }));
        PacketGate opened = gate[0];
        installCodec(pipeline, opened);
        // Replaced by Vert.x at CONNECT with the endpoint's own exception handler.
        socket.exceptionHandler(opened::onSocketFailure);
        pipeline.channel().closeFuture().addListener(closed -> opened.onClosed());
        socket.eventHandler(event -> {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                synchronized (connection) {
                    HANDLE_HANDSHAKE.invoke(connection, handshake);
                }
            }
            ReferenceCountUtil.release(event);
        });
        socket.messageHandler(message -> {
            if (message instanceof MqttMessage packet) {
                opened.onPacket(packet);
            } else {
                ReferenceCountUtil.release(message);
            }
        });
    }

    /** The handlers {@code MqttServerImpl} installs, plus the CONNACK watch of the gate. */
    private void installCodec(ChannelPipeline pipeline, PacketGate gate) {
        pipeline.addBefore(HANDLER, "mqttEncoder", MqttEncoder.INSTANCE);
        pipeline.addBefore(HANDLER, "mqttDecoder", new MqttDecoder(options.getMaxMessageSize(),
                options.getMaxClientIdLength()));
        pipeline.addBefore(HANDLER, "idle", new IdleStateHandler(options.timeoutOnConnect(), 0, 0));
        pipeline.addBefore(HANDLER, "timeoutOnConnect", new ConnectTimeout());
        pipeline.addBefore(HANDLER, "connackWatch", new ConnackWatch(gate));
        if (options.isUseWebSocket()) {
            int maxFrameSize = options.getWebSocketMaxFrameSize();
            pipeline.addBefore("mqttEncoder", "httpServerCodec", new HttpServerCodec());
            pipeline.addAfter("httpServerCodec", "aggregator", new HttpObjectAggregator(maxFrameSize));
            List<WebSocketServerExtensionHandshaker> extensions = webSocketExtensions();
            String before = "aggregator";
            if (!extensions.isEmpty()) {
                pipeline.addAfter(before, "webSocketExtensionHandler",
                        new WebSocketServerExtensionHandler(extensions.toArray(new WebSocketServerExtensionHandshaker[0])));
                before = "webSocketExtensionHandler";
            }
            pipeline.addAfter(before, "webSocketHandler", new WebSocketServerProtocolHandler("/mqtt",
                    MqttServerOptions.MQTT_SUBPROTOCOL_CSV_LIST, !extensions.isEmpty(), maxFrameSize, 10_000L));
            pipeline.addAfter("webSocketHandler", "bytebuf2wsEncoder", new ByteBufToWebSocketFrame());
            pipeline.addAfter("bytebuf2wsEncoder", "ws2bytebufDecoder", new WebSocketFrameToByteBuf());
        }
    }

    private List<WebSocketServerExtensionHandshaker> webSocketExtensions() {
        List<WebSocketServerExtensionHandshaker> extensions = new ArrayList<>(2);
        if (options.isPerFrameWebSocketCompressionSupported()) {
            extensions.add(new DeflateFrameServerExtensionHandshaker(options.getWebSocketCompressionLevel()));
        }
        if (options.isPerMessageWebSocketCompressionSupported()) {
            extensions.add(new PerMessageDeflateServerExtensionHandshaker(options.getWebSocketCompressionLevel(),
                    ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
                    PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
                    options.isWebSocketAllowServerNoContext(), options.isWebSocketPreferredClientNoContext()));
        }
        return extensions;
    }

    /** No CONNECT within the connect timeout: the connection is closed (MQTT 3.1.1 section 3.1.4). */
    private static final class ConnectTimeout extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
                ctx.channel().close();
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** Tells the gate when a CONNACK was written, after the write, on the connection's event loop. */
    private static final class ConnackWatch extends ChannelOutboundHandlerAdapter {
        private final PacketGate gate;

        ConnackWatch(PacketGate gate) {
            this.gate = gate;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
            boolean connack = message instanceof MqttMessage packet
                    && packet.fixedHeader().messageType() == MqttMessageType.CONNACK;
            boolean accepted = connack && ((MqttConnAckVariableHeader) ((MqttMessage) message).variableHeader())
                    .connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED;
            super.write(ctx, message, promise);
            if (connack) {
                ctx.executor().execute(() -> gate.onConnack(accepted));
            }
        }
    }

    private static final class WebSocketFrameToByteBuf extends MessageToMessageDecoder<BinaryWebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, BinaryWebSocketFrame frame, List<Object> out) {
            out.add(frame.content().retain());
        }
    }

    private static final class ByteBufToWebSocketFrame extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) {
            out.add(new BinaryWebSocketFrame(buffer.retain()));
        }
    }
}
