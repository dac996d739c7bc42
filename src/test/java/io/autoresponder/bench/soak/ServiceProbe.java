package io.autoresponder.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.tools.attach.VirtualMachine;

/**
 * Reads the service from outside, as an operator would: RSS from {@code /proc/<pid>/status}, the broker's gauges
 * from {@code /q/metrics}, and the heap in use right after a full GC.
 * <p>
 * Why a forced GC: the gauge {@code jvm_gc_live_data_size_bytes} would be cheaper, but Micrometer sets it only
 * after an old-generation collection, which G1 on Java 17 reports only for a full GC; a service this size runs
 * young and mixed collections, and the gauge read 0 after several of them (stale for as long as no full GC
 * comes). Heap in use without a GC is mostly garbage and swings with the allocation rate. Heap after a forced
 * full GC stayed within 12.5-13.2 MiB for 30 minutes. So each sample runs {@code GC.run} and then reads {@code GC.heap_info}, both through
 * one Attach API connection ({@code jcmd} would start a JVM per sample, about 0.4 s of CPU each). The full GC
 * pauses the service for about 50 ms per sample (median of a 30-minute run, gc.log; longer when the machine is busy), which shows in the next interval's p99.
 */
final class ServiceProbe implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final long pid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private VirtualMachine vm;
    private Method executeJCmd;

    ServiceProbe(long pid, String host, int httpPort) {
        this.pid = pid;
        this.metrics = URI.create("http://" + host + ":" + httpPort + "/q/metrics");
    }

    double rssMib() throws IOException {
        Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    double heapAfterGcMib() throws IOException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IOException("GC.heap_info without a heap line");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /** The unlabelled samples of {@code /q/metrics}, name to value. */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            int space = line.indexOf(' ');
            if (line.startsWith("#") || space < 0 || line.indexOf('{') >= 0) {
                continue;
            }
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1).trim()));
        }
        return values;
    }

    // HotSpotVirtualMachine.executeJCmd is what jcmd itself calls; the script opens its package
    // (--add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED).
    private String jcmd(String command) throws IOException {
        try {
            if (vm == null) {
                vm = VirtualMachine.attach(Long.toString(pid));
                executeJCmd = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("executeJCmd", String.class);
            }
            try (InputStream in = (InputStream) executeJCmd.invoke(vm, command)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("jcmd " + command + " on " + pid + " failed: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (vm != null) {
            vm.detach();
        }
    }
}
