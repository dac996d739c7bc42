package io.autoresponder.examples.httpenrich;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog service, through the Quarkus REST client: its base URL and timeouts are the
 * {@code quarkus.rest-client.catalog.*} keys in {@code application.properties}. An answer of 400 or more is thrown
 * as a {@link jakarta.ws.rs.WebApplicationException}; a connection refused or a timeout as a
 * {@link jakarta.ws.rs.ProcessingException}.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/products")
public interface CatalogClient {

    @GET
    @Path("/{sku}")
    @Produces(MediaType.APPLICATION_JSON)
    Product product(@PathParam("sku") String sku);
}
