package io.autoresponder.broker;

import java.util.List;

import io.autoresponder.support.wire.ScenarioRun;

/**
 * A scripted exchange with a broker whose transcript (what each client observed) is compared between
 * Mosquitto 2.0 and the embedded broker. When {@code ours} is set, the two deliberately differ: the embedded
 * broker must produce exactly that transcript, written from the specification, and {@code difference} says why
 * (docs/broker-conformance.md lists them).
 */
record ConformanceScenario(String name, Script script, List<String> ours, String difference) {

    /** The steps, played against a broker through {@link ScenarioRun}. */
    @FunctionalInterface
    interface Script {
        void play(ScenarioRun run) throws Exception;
    }

    static ConformanceScenario same(String name, Script script) {
        return new ConformanceScenario(name, script, null, null);
    }

    static ConformanceScenario differs(String name, String difference, Script script, String... ours) {
        return new ConformanceScenario(name, script, List.of(ours), difference);
    }

    boolean sameAsMosquitto() {
        return ours == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
