package io.autoresponder.support;

import static io.restassured.RestAssured.given;

/** Reads one sample from {@code /q/metrics} (Prometheus text format) over HTTP. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * Value of the sample whose name and label set start with {@code series}, e.g.
     * {@code autoresponder_requests_received_total{channel="test"}}; 0 when absent.
     */
    public static double sample(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
