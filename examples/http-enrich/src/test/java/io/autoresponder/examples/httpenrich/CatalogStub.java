package io.autoresponder.examples.httpenrich;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP catalog on a free port of 127.0.0.1 for the test's REST client ({@code quarkus.rest-client.catalog.url}):
 * {@code GET /products/<sku>} answers the {@link #PRODUCTS} it knows, 404 for any other SKU, 500 for
 * {@link #BROKEN}, and answers {@link #SLOW} only after {@link #SLOW_DELAY}, longer than the test's read timeout.
 * Counts the requests it gets. Injected into a test's field of type {@code CatalogStub}.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    /** A product as the catalog knows it. */
    public record Item(String name, BigDecimal price) {
    }

    /** The products the catalog knows, by SKU. */
    public static final Map<String, Item> PRODUCTS = Map.of(
            "A-100", new Item("Espresso cup", new BigDecimal("4.20")),
            "B-200", new Item("Milk jug 350 ml", new BigDecimal("12.95")),
            "C-300", new Item("Tamper 58 mm", new BigDecimal("29.00")));
    /** A SKU the catalog fails on with 500. */
    public static final String BROKEN = "BROKEN-1";
    /** A SKU the catalog answers (as a valid product) only after {@link #SLOW_DELAY}. */
    public static final String SLOW = "SLOW-1";
    /** Ten times the test's read timeout: an answer after it means the timeout did not work. */
    public static final Duration SLOW_DELAY = Duration.ofSeconds(5);

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the catalog stub cannot listen", e);
        }
        // A thread per request: a slow answer must not hold up the others.
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/products/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow(); // wakes a slow answer still waiting
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(CatalogStub.class));
    }

    /** How many requests the catalog got so far. */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String sku = exchange.getRequestURI().getPath().substring("/products/".length());
            if (!"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"method not allowed\"}");
            } else if (PRODUCTS.containsKey(sku)) {
                answer(exchange, 200, product(sku, PRODUCTS.get(sku)));
            } else if (BROKEN.equals(sku)) {
                answer(exchange, 500, "{\"error\":\"catalog database unavailable\"}");
            } else if (SLOW.equals(sku)) {
                try {
                    Thread.sleep(SLOW_DELAY.toMillis());
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answer(exchange, 200, product(sku, new Item("Slow grinder", new BigDecimal("99.00"))));
            } else {
                answer(exchange, 404, "{\"error\":\"no such product\"}");
            }
        }
    }

    private static String product(String sku, Item item) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + item.name() + "\",\"price\":" + item.price().toPlainString() + "}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
