package io.autoresponder.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts the replies of one run of requests, by the {@code seq} each request carried: how many distinct
 * requests were answered, and how many answers came more than once. Replies of other runs (another {@code id})
 * are ignored.
 */
public final class ReplyLedger {

    private final String run;
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger replies = new AtomicInteger();

    public ReplyLedger(String run) {
        this.run = run;
    }

    /** The request payload of this run with sequence number {@code seq}. */
    public byte[] request(int seq) {
        return Json.bytes("{\"talk\":\"count me\",\"name\":\"ledger\",\"id\":\"" + run + "\",\"seq\":" + seq + "}");
    }

    /** Takes one message from the reply topic. */
    public void onReply(byte[] payload) {
        JsonNode reply = Json.parse(payload);
        if (run.equals(reply.path("id").asText())) {
            replies.incrementAndGet();
            answers.computeIfAbsent(reply.path("seq").asInt(), seq -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Distinct requests answered. */
    public int answered() {
        return answers.size();
    }

    /** Replies beyond the first for the same request. */
    public int duplicates() {
        return replies.get() - answers.size();
    }

    /** Whether request {@code seq} was answered. */
    public boolean isAnswered(int seq) {
        return answers.containsKey(seq);
    }

    /** One line for {@link Measurements}. */
    public String summary(int sent) {
        return "sent=" + sent + " answered=" + answered() + " lost=" + (sent - answered()) + " duplicates="
                + duplicates();
    }
}
