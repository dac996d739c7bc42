package io.autoresponder.bench.soak;

/**
 * What the load generator counted since the start (all cumulative).
 *
 * @param requests         requests sent, all QoS
 * @param replies          replies matched to their request in time
 * @param lostQos0         QoS 0 requests without a reply within the timeout (QoS 0 may lose messages)
 * @param lostQos12        QoS 1 and 2 requests without a reply within the timeout: must stay 0
 * @param late             replies after their request was counted lost, or answered twice
 * @param badPayloads      bad payloads sent to the request topic
 * @param deadLetters      dead letters received on {@code other/errors}
 * @param willClients      clients that connected with a will and dropped without DISCONNECT
 * @param willsReceived    wills the broker published for them
 * @param churnConnects    connects of the reconnect churn
 * @param churnResumed     persistent churn sessions found present on reconnect
 * @param fed              feed messages published for the slow consumer
 * @param slowReceived     feed messages the slow consumer received
 * @param slowAcknowledged feed messages it acknowledged
 * @param retainedPublished retained publishes and clears
 * @param errors           failed publishes, connects and will drops, and load tasks that threw
 * @param connected        the request lanes and the slow consumer are connected
 */
record SoakCounters(long requests, long replies, long lostQos0, long lostQos12, long late, long badPayloads,
        long deadLetters, long willClients, long willsReceived, long churnConnects, long churnResumed, long fed,
        long slowReceived, long slowAcknowledged, long retainedPublished, long errors, boolean connected) {
}
