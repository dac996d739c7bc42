package io.autoresponder.examples.httpenrich;

import java.util.regex.Pattern;

/**
 * A lookup request: {@code {"sku":"A-100","quantity":2}}. A request that breaks these rules never reaches the
 * handler: it is dead-lettered with reason {@code wrong_shape}, and the catalog is not asked.
 *
 * @param sku      the product's stock-keeping unit: 1 to 64 letters, digits, '-' or '_' (it becomes a URL path
 *                 segment, so nothing else)
 * @param quantity how many are asked for, at least 1
 */
public record Lookup(String sku, int quantity) {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Lookup {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
