package io.autoresponder.console;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import io.autoresponder.responder.PayloadEncoder;
import io.autoresponder.responder.TrafficObserver;

/**
 * The console's view of the traffic: the last {@link ConsoleConfig#recentMessages()} messages, counters per
 * topic, and the browsers streaming it. Each message is turned into its event frame once, whatever the number of
 * browsers.
 */
@Singleton
public class TrafficFeed implements TrafficObserver {

    private final ConsoleConfig config;
    private final ObjectMapper mapper;
    private final PayloadEncoder encoder;
    private final Counter dropped;
    private final TopicCounters topics;
    private final ArrayDeque<Frame> recent = new ArrayDeque<>();
    private final List<BrowserStream> browsers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    TrafficFeed(ConsoleConfig config, ObjectMapper mapper, PayloadEncoder encoder, MeterRegistry registry) {
        this.config = config;
        this.mapper = mapper;
        this.encoder = encoder;
        this.topics = new TopicCounters(config.maxTopics());
        this.dropped = Counter.builder("autoresponder.console.events.dropped")
                .description("Console events not sent to a browser that was behind").register(registry);
    }

    @Override
    public boolean active() {
        return config.enabled();
    }

    @Override
    public void observe(Kind kind, String channel, String topic, Object payload) {
        PayloadText text = PayloadText.of(payload, encoder, config.payloadChars());
        long at = System.currentTimeMillis();
        topics.count(topic, kind, at);
        Frame frame;
        synchronized (recent) {
            // Numbered under the lock so that the recent list stays in order.
            TrafficEntry entry = new TrafficEntry(sequence.incrementAndGet(), at, kindName(kind), channel, topic,
                    text.bytes(), text.text(), text.truncated());
            frame = new Frame(entry, eventFrame(entry));
            if (recent.size() >= config.recentMessages()) {
                recent.removeFirst();
            }
            recent.addLast(frame);
        }
        for (BrowserStream browser : browsers) {
            browser.offer(frame.event());
        }
    }

    /** The recent messages, oldest first. */
    public List<TrafficEntry> recent() {
        synchronized (recent) {
            return recent.stream().map(Frame::entry).toList();
        }
    }

    /** How many recent messages are kept. */
    int recentCount() {
        synchronized (recent) {
            return recent.size();
        }
    }

    /**
     * Starts streaming to a browser: the recent messages first, then each new one. Empty when
     * {@link ConsoleConfig#maxBrowsers()} browsers are streaming already.
     */
    Optional<BrowserStream> open(HttpServerResponse response, Context context) {
        if (browsers.size() >= config.maxBrowsers()) {
            return Optional.empty();
        }
        BrowserStream browser = new BrowserStream(response, context,
                Math.max(config.browserQueue(), config.recentMessages()), dropped::increment);
        synchronized (recent) {
            // Under the lock: no message is both replayed and streamed, or neither.
            recent.forEach(frame -> browser.offer(frame.event()));
            browsers.add(browser);
        }
        return Optional.of(browser);
    }

    void close(BrowserStream browser) {
        browsers.remove(browser);
        browser.close();
    }

    void pingBrowsers() {
        browsers.forEach(BrowserStream::ping);
    }

    int browsers() {
        return browsers.size();
    }

    long dropped() {
        return (long) dropped.count();
    }

    TopicCounters topics() {
        return topics;
    }

    private Buffer eventFrame(TrafficEntry entry) {
        try {
            return Buffer.buffer("id: " + entry.seq() + "\ndata: " + mapper.writeValueAsString(entry) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a traffic entry is always writable as JSON", e);
        }
    }

    private static String kindName(Kind kind) {
        return switch (kind) {
            case REQUEST -> "request";
            case REPLY -> "reply";
            case DEAD_LETTER -> "dead-letter";
        };
    }

    private record Frame(TrafficEntry entry, Buffer event) {
    }
}
