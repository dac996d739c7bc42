package io.autoresponder.support.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Request payloads as careless or hostile senders write them: valid requests with odd values (escapes, surrogate
 * pairs, huge numbers, deep nesting in {@code id}), JSON of the wrong shape, truncated JSON, bytes that are not
 * UTF-8, empty payloads, payloads over the size limit. Seeded, so a run is reproducible.
 */
public final class JsonPayloads {

    private static final String[] STRINGS = { "", "test", "\\u0000", "\\ud83d\\ude00", "\\ud800", "测试", "\\\"",
            "a\\nb", "x".repeat(300) };

    private final SplittableRandom random;

    public JsonPayloads(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public byte[] next() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> utf8(request());
            case 4 -> utf8(value(0));
            case 5 -> {
                String request = request();
                yield utf8(request.substring(0, random.nextInt(request.length())));
            }
            case 6 -> {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 7 -> utf8("{\"talk\":\"t\",\"name\":\"n\",\"id\":" + "[".repeat(1 + random.nextInt(3_000))
                    + "]".repeat(random.nextInt(3_000)) + "}");
            case 8 -> new byte[0];
            default -> utf8("{\"talk\":\"" + "y".repeat(random.nextInt(200_000)) + "\",\"name\":\"n\"}");
        };
    }

    private String request() {
        StringBuilder json = new StringBuilder("{");
        if (random.nextInt(8) != 0) {
            json.append("\"talk\":").append(random.nextInt(6) == 0 ? value(2) : string()).append(',');
        }
        if (random.nextInt(8) != 0) {
            json.append("\"name\":").append(random.nextInt(6) == 0 ? value(2) : string()).append(',');
        }
        json.append("\"id\":").append(value(0)).append(",\"seq\":").append(value(0));
        if (random.nextBoolean()) {
            json.append(",\"replyTo\":").append(random.nextBoolean() ? "\"fuzz/reply\"" : string());
        }
        return json.append('}').toString();
    }

    private String value(int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> string();
            case 1 -> random.nextBoolean() ? Long.toString(random.nextLong()) : "1e" + random.nextInt(-400, 400);
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "123456789012345678901234567890.5";
            case 4, 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(value(depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> "{\"k\":" + value(depth + 1) + "}";
        };
    }

    private String string() {
        return "\"" + STRINGS[random.nextInt(STRINGS.length)] + "\"";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
