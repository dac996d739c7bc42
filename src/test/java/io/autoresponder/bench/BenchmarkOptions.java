package io.autoresponder.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of {@link RoundTripBenchmark}, {@code --name value} pairs.
 *
 * @param host         broker host
 * @param port         broker port
 * @param qos          QoS of requests and of the reply subscription
 * @param window       requests in flight per connection
 * @param connections  client connections, each with its own window
 * @param payloadBytes approximate size of each request payload
 * @param warmup       time before measuring
 * @param duration     measured time
 * @param drain        how long to wait for outstanding replies at the end
 * @param mqttVersion  3 or 5
 * @param requestTopic topic requests go to
 * @param replyTopic   topic replies come back on
 * @param rate         requests per second of all connections together, sent on a fixed schedule (still at most
 *                     {@code window} in flight per connection); 0: closed loop, the next request as soon as the
 *                     window allows
 * @param ticks        print {@code TICK second replies} for every second of the run, warm-up included, to trace how
 *                     fast a freshly started service warms up
 * @param prewarmPort  when not 0, the client first runs {@code prewarm} of unrecorded load against this port (another,
 *                     already warm service), so that its own JIT warm-up is over before the measured target gets
 *                     its first request
 * @param prewarm      how long that lasts
 */
public record BenchmarkOptions(String host, int port, int qos, int window, int connections, int payloadBytes,
        Duration warmup, Duration duration, Duration drain, int mqttVersion, String requestTopic, String replyTopic,
        double rate, boolean ticks, int prewarmPort, Duration prewarm) {

    static final String USAGE = """
            usage: RoundTripBenchmark [--host 127.0.0.1] [--port 1883] [--qos 1] [--window 64] [--connections 1]
                                      [--payload-bytes 64] [--warmup 3] [--duration 10] [--drain 5] [--mqtt 5]
                                      [--request-topic test] [--reply-topic other] [--rate 0]
                                      [--ticks false] [--prewarm-port 0] [--prewarm 20]
            Closed loop: each connection keeps --window requests (JSON with an integer seq) in flight and sends
            the next when a reply with its seq arrives. With --rate R > 0 the connections together send R requests
            a second on a fixed schedule (still at most --window in flight each) and latency counts from the
            scheduled time. With --ticks true, one line TICK <second> <replies> per second from the first request.
            With --prewarm-port P, the client first loads the service on port P for --prewarm seconds, unrecorded.
            Times are seconds. Prints one line: RESULT {json}.""";

    public BenchmarkOptions {
        require(port > 0 && port < 65_536, "--port must be 1..65535");
        require(qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        require(window >= 1 && window <= 65_535, "--window must be 1..65535");
        require(connections >= 1 && connections <= 1_000, "--connections must be 1..1000");
        require(payloadBytes >= 0 && payloadBytes <= 1 << 20, "--payload-bytes must be 0..1048576");
        require(mqttVersion == 3 || mqttVersion == 5, "--mqtt must be 3 or 5");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(prewarmPort >= 0 && prewarmPort < 65_536, "--prewarm-port must be 0..65535");
        require(prewarmPort == 0 || !prewarm.isNegative() && !prewarm.isZero(), "--prewarm must be positive");
        require(rate >= 0 && rate <= 10_000_000, "--rate must be 0..10000000 requests per second");
    }

    /** The same load against {@code prewarmPort} for {@code prewarm}, without ticks and without its own pre-warm. */
    BenchmarkOptions prewarming() {
        return new BenchmarkOptions(host, prewarmPort, qos, window, connections, payloadBytes, Duration.ZERO, prewarm,
                drain, mqttVersion, requestTopic, replyTopic, rate, false, 0, Duration.ZERO);
    }

    /** Parses {@code args}; throws IllegalArgumentException with the usage on bad input. */
    public static BenchmarkOptions parse(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs\n" + USAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i] + "\n" + USAGE);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        try {
            BenchmarkOptions options = new BenchmarkOptions(values.getOrDefault("host", "127.0.0.1"),
                    integer(values, "port", 1883), integer(values, "qos", 1), integer(values, "window", 64),
                    integer(values, "connections", 1), integer(values, "payload-bytes", 64),
                    seconds(values, "warmup", 3), seconds(values, "duration", 10), seconds(values, "drain", 5),
                    integer(values, "mqtt", 5), values.getOrDefault("request-topic", "test"),
                    values.getOrDefault("reply-topic", "other"), number(values, "rate", 0),
                    bool(values, "ticks"), integer(values, "prewarm-port", 0), seconds(values, "prewarm", 20));
            values.keySet().removeAll(java.util.Set.of("host", "port", "qos", "window", "connections", "payload-bytes",
                    "warmup", "duration", "drain", "mqtt", "request-topic", "reply-topic", "rate", "ticks", "prewarm-port",
                    "prewarm"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + values.keySet() + "\n" + USAGE);
            }
            return options;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "\n" + USAGE, e);
        }
    }

    private static int integer(Map<String, String> values, String name, int defaultValue) {
        String value = values.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    private static boolean bool(Map<String, String> values, String name) {
        String value = values.getOrDefault(name, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + " must be true or false\n" + USAGE);
        }
        return Boolean.parseBoolean(value);
    }

    private static double number(Map<String, String> values, String name, double defaultValue) {
        String value = values.get(name);
        return value == null ? defaultValue : Double.parseDouble(value);
    }

    private static Duration seconds(Map<String, String> values, String name, double defaultValue) {
        String value = values.get(name);
        double seconds = value == null ? defaultValue : Double.parseDouble(value);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message + "\n" + USAGE);
        }
    }
}
