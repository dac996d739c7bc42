package io.autoresponder.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.mqtt.Topics;
import io.autoresponder.responder.PayloadEncoder;

/**
 * Serves the console when {@link ConsoleConfig#enabled()}: the page and its script from the class path, the live
 * traffic as server-sent events, the state as JSON, and the test form's publish. Not enabled: nothing is served
 * under the console's path. The login is {@link ConsoleSecurity}'s.
 */
@Singleton
class ConsoleRoutes {

    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class);
    private static final String WEB = "autoresponder-console/";
    private static final int MAX_TEST_PAYLOAD = 65_536;
    private static final int MAX_TESTS_AT_ONCE = 4;
    private static final long PING_MILLIS = 15_000;
    private static final String USERS = "quarkus.security.users.embedded.users.";
    private static final String USERS_ENV = "QUARKUS_SECURITY_USERS_EMBEDDED_USERS_";

    private final ConsoleConfig config;
    private final TrafficFeed feed;
    private final ConsoleState state;
    private final ObjectMapper mapper;
    private final PayloadEncoder encoder;
    private final TestPublisher publisher;
    private final Config mpConfig;
    private final Semaphore tests = new Semaphore(MAX_TESTS_AT_ONCE);
    private Vertx vertx;
    private long pingTimer = -1;

    ConsoleRoutes(ConsoleConfig config, TrafficFeed feed, ConsoleState state, ObjectMapper mapper,
            PayloadEncoder encoder, EmbeddedBroker broker, Config mpConfig) {
        this.config = config;
        this.feed = feed;
        this.state = state;
        this.mapper = mapper;
        this.encoder = encoder;
        this.mpConfig = mpConfig;
        this.publisher = broker.isEnabled() ? new EmbeddedTestPublisher(broker) : new ExternalTestPublisher(mpConfig);
    }

    void routes(@Observes Router router, Vertx vertx) {
        if (!config.enabled()) {
            return;
        }
        ConsoleSettings.check(config);
        this.vertx = vertx;
        String base = ConsoleSettings.path(config);
        // Vert.x matches a path with or without its trailing slash; the page's relative links need the slash.
        // Read once: the files of the jar do not change while it runs.
        Buffer index = resource("index.html");
        Buffer script = resource("console.js");
        Buffer style = resource("console.css");
        router.get(base).handler(rc -> {
            if (rc.request().path().endsWith("/")) {
                page(rc, index, "text/html; charset=utf-8");
            } else {
                rc.redirect(base + "/");
            }
        });
        router.get(base + "/console.js").handler(rc -> page(rc, script, "text/javascript; charset=utf-8"));
        router.get(base + "/console.css").handler(rc -> page(rc, style, "text/css; charset=utf-8"));
        router.get(base + "/api/events").handler(this::events);
        router.get(base + "/api/state").handler(rc -> json(rc, 200, state.snapshot(publisher)));
        router.get(base + "/api/recent").handler(rc -> json(rc, 200, feed.recent()));
        router.post(base + "/api/publish").handler(BodyHandler.create().setBodyLimit(2L * MAX_TEST_PAYLOAD))
                .handler(this::publish);
        pingTimer = vertx.setPeriodic(PING_MILLIS, id -> feed.pingBrowsers());
        warnWhenNobodyCanLogIn();
        LOG.infof("Console at %s/ (%s)", base, config.loginRequired() ? "login with role " + config.role()
                : "no login: autoresponder.console.login-required=false");
    }

    // The standalone service's users come from configuration; an application may bring another identity provider.
    private void warnWhenNobodyCanLogIn() {
        if (!config.loginRequired()) {
            return;
        }
        boolean users = false;
        for (String name : mpConfig.getPropertyNames()) {
            users |= name.startsWith(USERS) || name.startsWith(USERS_ENV);
        }
        if (!users) {
            LOG.warnf("The console is enabled with a login, but no user is configured (%s<name> and "
                    + "quarkus.security.users.embedded.roles.<name>=%s): unless the application has an identity "
                    + "provider of its own, nobody can open it", USERS, config.role());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (vertx != null && pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
    }

    private static void page(RoutingContext rc, Buffer content, String contentType) {
        rc.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff").end(content);
    }

    private void events(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        Optional<BrowserStream> opened = feed.open(response, Vertx.currentContext());
        if (opened.isEmpty()) {
            json(rc, 503, Map.of("error", "the console streams to " + config.maxBrowsers()
                    + " browsers already (autoresponder.console.max-browsers)"));
            return;
        }
        BrowserStream browser = opened.get();
        response.closeHandler(ignored -> feed.close(browser));
        if (response.closed()) {
            feed.close(browser); // gone before the handler was set
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // Headers now, so the browser's EventSource opens before the first message.
        response.write("retry: 2000\n\n");
    }

    private void publish(RoutingContext rc) {
        String contentType = rc.request().getHeader("Content-Type");
        // A JSON body needs a CORS preflight from another origin, which this server never grants: no cross-site posts.
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            json(rc, 415, Map.of("error", "send the test message as application/json"));
            return;
        }
        TestMessage message;
        try {
            message = testMessage(rc.body().buffer());
        } catch (IllegalArgumentException e) {
            json(rc, 400, Map.of("error", e.getMessage()));
            return;
        }
        if (!tests.tryAcquire()) {
            json(rc, 429, Map.of("error", MAX_TESTS_AT_ONCE + " test messages are waiting for replies already"));
            return;
        }
        Duration timeout = config.replyTimeout();
        publisher.publish(message, timeout).whenComplete((reply, failure) -> {
            tests.release();
            if (failure != null) {
                LOG.debugf("console test message to %s not published: %s", message.topic(), failure);
                json(rc, 502, Map.of("error", "not published to " + publisher.describe() + ": " + rootMessage(failure)));
                return;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("topic", message.topic());
            result.put("responseTopic", message.responseTopic());
            if (reply.isPresent()) {
                PayloadText text = PayloadText.of(reply.get().payload(), encoder, config.payloadChars());
                result.put("reply", Map.of("topic", reply.get().topic(), "payload", text.text(), "bytes", text.bytes(),
                        "truncated", text.truncated(), "afterMillis", reply.get().afterMillis()));
            } else {
                result.put("reply", null);
                result.put("waitedMillis", timeout.toMillis());
            }
            json(rc, 200, result);
        });
    }

    private TestMessage testMessage(Buffer body) {
        JsonNode request;
        try {
            request = mapper.readTree(body == null ? new byte[0] : body.getBytes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("send an object: {\"topic\": ..., \"payload\": ..., \"qos\": 0|1|2}");
        }
        String topic = request.path("topic").asText("");
        String topicError = Topics.nameError(topic);
        if (topicError != null) {
            throw new IllegalArgumentException("topic: " + topicError);
        }
        JsonNode payloadNode = request.path("payload");
        String payload = payloadNode.isTextual() ? payloadNode.asText() : payloadNode.isMissingNode() ? ""
                : payloadNode.toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEST_PAYLOAD) {
            throw new IllegalArgumentException("payload: at most " + MAX_TEST_PAYLOAD + " bytes, not " + bytes.length);
        }
        int qos = request.path("qos").asInt(1);
        if (!request.path("qos").isMissingNode() && !request.path("qos").canConvertToInt() || qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos: 0, 1 or 2");
        }
        String id = UUID.randomUUID().toString();
        return new TestMessage(topic, bytes, qos, "autoresponder/console/" + id, id.getBytes(StandardCharsets.UTF_8));
    }

    private void json(RoutingContext rc, int status, Object body) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        String text;
        try {
            text = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            rc.fail(e);
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static Buffer resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + WEB + name + " missing from the class path");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
