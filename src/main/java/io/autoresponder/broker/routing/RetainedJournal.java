package io.autoresponder.broker.routing;

import java.util.concurrent.CompletionStage;

/** Where retained messages are written to survive a restart; see the broker's store. */
public interface RetainedJournal {

    /** Writes nothing. */
    RetainedJournal NONE = new RetainedJournal() {
        @Override
        public boolean retain(Publication publication) {
            return true;
        }

        @Override
        public void clear(String topic) {
        }

        @Override
        public CompletionStage<Void> durable() {
            return Subscriber.TAKEN;
        }
    };

    /** The retained message of its topic; false when the store is full (it is then not retained). */
    boolean retain(Publication publication);

    /** The topic has no retained message any more. */
    void clear(String topic);

    /**
     * Completes once everything written so far is as durable as the fsync policy promises a publisher: at once
     * unless the policy forces the device before each acknowledgement.
     */
    CompletionStage<Void> durable();
}
