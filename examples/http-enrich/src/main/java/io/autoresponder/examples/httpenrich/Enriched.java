package io.autoresponder.examples.httpenrich;

import java.math.BigDecimal;

/**
 * The reply: the request's fields with what the catalog knows about the product.
 *
 * @param sku       the request's SKU
 * @param quantity  the request's quantity
 * @param name      the product's name, from the catalog
 * @param unitPrice its unit price, from the catalog
 * @param total     {@code unitPrice} times {@code quantity}
 */
public record Enriched(String sku, int quantity, String name, BigDecimal unitPrice, BigDecimal total) {
}
