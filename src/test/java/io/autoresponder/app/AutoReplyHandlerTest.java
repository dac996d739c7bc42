package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The reply the built-in handler makes, without any messaging around it. */
class AutoReplyHandlerTest {

    private final AutoReplyHandler handler = new AutoReplyHandler(
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    @Test
    void replyNamesTheSenderAndQuotesTheTalk() {
        ChatReply reply = handler.respond(new ChatRequest("this is test!!", "测试", IntNode.valueOf(3), TextNode.valueOf("x")));

        assertThat(reply.reply()).isEqualTo("Hello 测试, you said: this is test!!");
        assertThat(reply.name()).isEqualTo("测试");
        assertThat(reply.talk()).isEqualTo("this is test!!");
        assertThat(reply.timestamp()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(reply.seq()).isEqualTo(IntNode.valueOf(3));
        assertThat(reply.id()).isEqualTo(TextNode.valueOf("x"));
    }

    @Test
    void requestWithoutTalkOrNameIsInvalid() {
        assertThatThrownBy(() -> new ChatRequest(null, "n", null, null)).hasMessageContaining("talk");
        assertThatThrownBy(() -> new ChatRequest("t", null, null, null)).hasMessageContaining("name");
    }
}
