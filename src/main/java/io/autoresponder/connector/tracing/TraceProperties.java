package io.autoresponder.connector.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * W3C trace context in MQTT 5 user properties: {@code traceparent} and {@code tracestate}, as HTTP carries them in
 * headers. MQTT user properties are case-sensitive, HTTP headers are not; names are matched ignoring case so a
 * publisher that wrote {@code Traceparent} is still understood.
 */
final class TraceProperties {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    static final TextMapGetter<List<Map.Entry<String, String>>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(List<Map.Entry<String, String>> carrier) {
            return carrier.stream().map(Map.Entry::getKey).toList();
        }

        @Override
        public String get(List<Map.Entry<String, String>> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            for (Map.Entry<String, String> entry : carrier) {
                if (entry.getKey().equalsIgnoreCase(key)) {
                    return entry.getValue();
                }
            }
            return null;
        }
    };

    static final TextMapSetter<List<Map.Entry<String, String>>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.add(Map.entry(key, value));
        }
    };

    private TraceProperties() {
    }

    static boolean isTraceProperty(String name) {
        return name.equalsIgnoreCase(TRACEPARENT) || name.equalsIgnoreCase(TRACESTATE);
    }

    /** The trace-context entries of {@code properties}, in order; empty when there are none. */
    static List<Map.Entry<String, String>> of(List<Map.Entry<String, String>> properties) {
        List<Map.Entry<String, String>> trace = null;
        for (Map.Entry<String, String> entry : properties) {
            if (isTraceProperty(entry.getKey())) {
                if (trace == null) {
                    trace = new ArrayList<>(2);
                }
                trace.add(entry);
            }
        }
        return trace == null ? List.of() : trace;
    }

    /** {@code properties} without trace-context entries, followed by {@code trace}. */
    static List<Map.Entry<String, String>> replace(List<Map.Entry<String, String>> properties,
            List<Map.Entry<String, String>> trace) {
        List<Map.Entry<String, String>> result = new ArrayList<>(properties.size() + trace.size());
        for (Map.Entry<String, String> entry : properties) {
            if (!isTraceProperty(entry.getKey())) {
                result.add(entry);
            }
        }
        result.addAll(trace);
        return List.copyOf(result);
    }
}
