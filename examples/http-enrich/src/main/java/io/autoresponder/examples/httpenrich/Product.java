package io.autoresponder.examples.httpenrich;

import java.math.BigDecimal;

/**
 * What the catalog answers for {@code GET /products/{sku}}: {@code {"sku":"A-100","name":"...","price":4.20}}.
 *
 * @param sku   the product's stock-keeping unit
 * @param name  its name
 * @param price its unit price
 */
public record Product(String sku, String name, BigDecimal price) {
}
