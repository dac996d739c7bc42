package io.autoresponder.examples.httpenrich;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Answers a lookup ({@code shop/lookup}) with the product's name, unit price and total, asked from the catalog
 * service over HTTP. MQTT 5 requesters get the reply on their response topic with their correlation data; others
 * on {@code shop/enriched} (the responder does that for any handler).
 *
 * <p>Failures are not caught here: when the catalog does not know the SKU, answers with an error, times out or
 * cannot be reached, the exception propagates and autoresponder dead-letters the request ({@code other/errors},
 * reason {@code handler_failed}, with a copy of the request), counts it, and goes on with the next one.
 */
@ApplicationScoped
public class ProductLookup {

    private final CatalogClient catalog;

    ProductLookup(@RestClient CatalogClient catalog) {
        this.catalog = catalog;
    }

    // A blocking HTTP call: on a worker thread. Unordered, because lookups are independent: with the default
    // (ordered) a catalog slow to answer would hold up every lookup behind it, up to the read timeout each.
    @Incoming("lookups")
    @Outgoing("enriched")
    @Blocking(ordered = false)
    public Enriched enrich(Lookup lookup) {
        Product product = product(lookup.sku());
        return new Enriched(lookup.sku(), lookup.quantity(), product.name(), product.price(),
                product.price().multiply(BigDecimal.valueOf(lookup.quantity())));
    }

    private Product product(String sku) {
        Product product;
        try {
            product = catalog.product(sku);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                throw new UnknownSkuException(sku, e);
            }
            throw e;
        }
        if (product == null || product.name() == null || product.price() == null) {
            throw new IllegalStateException("the catalog answered sku " + sku + " without a name or price");
        }
        return product;
    }
}
