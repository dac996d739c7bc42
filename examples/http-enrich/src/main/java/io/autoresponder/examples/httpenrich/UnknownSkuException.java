package io.autoresponder.examples.httpenrich;

/** The catalog does not know the SKU asked for (it answered 404). */
public class UnknownSkuException extends RuntimeException {

    public UnknownSkuException(String sku, Throwable cause) {
        super("unknown sku " + sku, cause);
    }
}
