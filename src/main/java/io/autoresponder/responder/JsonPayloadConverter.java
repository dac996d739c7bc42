package io.autoresponder.responder;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MessageConverter;

/**
 * Turns raw request payloads ({@code byte[]}) into the record a handler method takes. A payload that cannot
 * be parsed never reaches the handler and never fails the stream: it goes to the {@link DeadLetterOffice} and
 * the message is skipped.
 */
// @Singleton, not @ApplicationScoped: called for every message, and a client proxy looks its instance up on each call
// (5% of the in-process service's samples went to those look-ups).
@Singleton
public class JsonPayloadConverter implements MessageConverter {

    private final ObjectMapper strictMapper;
    private final DeadLetterOffice deadLetters;
    private final ResponderConfig config;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    JsonPayloadConverter(ObjectMapper mapper, DeadLetterOffice deadLetters, ResponderConfig config) {
        this.strictMapper = strict(mapper);
        this.deadLetters = deadLetters;
        this.config = config;
    }

    @Override
    public boolean canConvert(Message<?> in, Type target) {
        return in.getPayload() instanceof byte[] && target instanceof Class<?> type && type.isRecord();
    }

    @Override
    public Message<?> convert(Message<?> in, Type target) {
        // The stream uses convertUni; this synchronous form is kept for callers that need it.
        return convertUni(in, target).await().indefinitely();
    }

    @Override
    public Uni<Message<?>> convertUni(Message<?> in, Type target) {
        byte[] payload = (byte[]) in.getPayload();
        Rejection rejection;
        try {
            rejection = checkSize(payload);
            if (rejection == null) {
                Object value = readers.computeIfAbsent(target, t -> strictMapper.readerFor(strictMapper.constructType(t))).readValue(payload);
                if (value != null) {
                    return Uni.createFrom().item(in.withPayload(value));
                }
                // The JSON literal null: no handler is written to take a null request.
                rejection = new Rejection(Rejection.Reason.WRONG_SHAPE, "payload is the JSON null, expected "
                        + ((Class<?>) target).getSimpleName()); // canConvert takes records only
            }
        } catch (IllegalArgumentException | JacksonException e) {
            rejection = describe(e);
        } catch (java.io.IOException e) {
            rejection = new Rejection(Rejection.Reason.NOT_JSON, e.getMessage());
        }
        // A null item makes Reactive Messaging skip the message: the dead letter took its place.
        return deadLetters.reject(in, payload, rejection).replaceWith((Message<?>) null);
    }

    @Override
    public int getPriority() {
        return CONVERTER_DEFAULT_PRIORITY + 10;
    }

    private Rejection checkSize(byte[] payload) {
        if (payload.length == 0) {
            return new Rejection(Rejection.Reason.EMPTY, "payload is empty, expected a JSON object");
        }
        if (payload.length > config.maxPayloadBytes()) {
            return new Rejection(Rejection.Reason.TOO_LARGE, "payload is " + payload.length
                    + " bytes, the limit is " + config.maxPayloadBytes() + " (autoresponder.responder.max-payload-bytes)");
        }
        return null;
    }

    private static Rejection describe(Exception e) {
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return new Rejection(Rejection.Reason.WRONG_SHAPE, invalid.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = mismatch.getPathReference() == null ? "" : " at " + mismatch.getPathReference();
            return new Rejection(Rejection.Reason.WRONG_SHAPE, mismatch.getOriginalMessage() + path);
        }
        if (e instanceof JsonProcessingException parse) {
            return new Rejection(Rejection.Reason.NOT_JSON, parse.getOriginalMessage());
        }
        return new Rejection(Rejection.Reason.WRONG_SHAPE, e.getMessage());
    }

    /** No silent coercion of numbers or booleans into text, and nothing after the JSON value. */
    private static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper mapper = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
