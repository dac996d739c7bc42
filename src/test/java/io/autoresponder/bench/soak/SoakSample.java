package io.autoresponder.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of soak.csv: the service and the load generator at one moment.
 *
 * @param elapsedSeconds  since the load started
 * @param rssMib          the service's resident memory
 * @param heapAfterGcMib  the service's heap in use right after a full GC
 * @param connections     {@code autoresponder_broker_connections}
 * @param sessions        {@code autoresponder_broker_sessions}
 * @param queuedBytes     {@code autoresponder_broker_queued_bytes}
 * @param retained        {@code autoresponder_broker_retained_messages}
 * @param p99Millis       round-trip p99 of the interval since the previous sample, all QoS
 * @param repliesPerSecond replies matched in that interval, per second
 * @param lostQos12       QoS 1 and 2 requests lost so far
 * @param lostQos0        QoS 0 requests lost so far
 * @param deadLetters     dead letters received so far
 * @param wills           wills received so far
 * @param churnConnects   connects of the reconnect churn so far
 * @param errors          load errors so far
 */
record SoakSample(double elapsedSeconds, double rssMib, double heapAfterGcMib, double connections, double sessions,
        double queuedBytes, double retained, double p99Millis, double repliesPerSecond, long lostQos12, long lostQos0,
        long deadLetters, long wills, long churnConnects, long errors) {

    static final String HEADER = "elapsed_s,rss_mib,heap_after_gc_mib,connections,sessions,queued_bytes,"
            + "retained_messages,p99_ms,replies_per_s,lost_qos12,lost_qos0,dead_letters,wills,churn_connects,errors";

    String toCsv() {
        return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f,%.2f,%.1f,%d,%d,%d,%d,%d,%d",
                elapsedSeconds, rssMib, heapAfterGcMib, connections, sessions, queuedBytes, retained, p99Millis,
                repliesPerSecond, lostQos12, lostQos0, deadLetters, wills, churnConnects, errors);
    }

    static SoakSample fromCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 15) {
            throw new IllegalArgumentException("expected 15 fields: " + line);
        }
        return new SoakSample(d(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]),
                Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    static List<SoakSample> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(csv + " does not start with the soak header");
        }
        List<SoakSample> samples = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            samples.add(fromCsv(line));
        }
        return samples;
    }

    private static double d(String value) {
        return Double.parseDouble(value);
    }
}
