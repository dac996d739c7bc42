package io.autoresponder.connector.mqtt.dedup;

import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.autoresponder.connector.mqtt.MqttConnector;
import io.autoresponder.connector.mqtt.MqttInboundSettings;
import io.autoresponder.connector.mqtt.SharedMqttClient;

/**
 * Builds the {@link DuplicateRequests} of one incoming channel of the {@value MqttConnector#NAME} connector from
 * its {@code duplicate-*} attributes: with {@code duplicate-journal} and a fixed {@code client-id}, backed by an
 * {@link AnsweredJournal} named after both; otherwise in memory only. A generated client id starts a new broker
 * session on every start, so the broker redelivers nothing across a restart and a journal would only pile up.
 */
public final class DuplicateMemory {

    private static final Logger LOG = Logger.getLogger(DuplicateMemory.class);

    private DuplicateMemory() {
    }

    public static DuplicateRequests open(MqttInboundSettings settings, SharedMqttClient client) {
        if (settings.duplicateCapacity() == 0 || settings.duplicateJournal().isEmpty()) {
            return new DuplicateRequests(settings.duplicateWindow(), settings.duplicateCapacity());
        }
        Path directory = settings.duplicateJournal().get();
        if (!client.hasFixedClientId()) {
            LOG.warnf("Channel %s: duplicate-journal %s is not used without a fixed client-id (a generated one starts "
                    + "a new session each time); answered requests are remembered in memory only", settings.channel(),
                    directory);
            return new DuplicateRequests(settings.duplicateWindow(), settings.duplicateCapacity());
        }
        AnsweredJournal journal;
        try {
            journal = AnsweredJournal.open(directory, fileName(client.clientId(), settings.channel()),
                    settings.duplicateCapacity());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mp.messaging.incoming." + settings.channel() + ".duplicate-journal: "
                    + e.getMessage(), e);
        }
        DuplicateRequests duplicates = new DuplicateRequests(settings.duplicateWindow(), settings.duplicateCapacity(),
                Optional.of(journal), System.currentTimeMillis());
        LOG.infof("Channel %s remembers answered requests in %s (%d from the last %s)", settings.channel(),
                directory.toAbsolutePath(), duplicates.size(), settings.duplicateWindow());
        return duplicates;
    }

    /** Client id and channel as a file name: anything but letters, digits, '-', '_' and '.' becomes '_'. */
    static String fileName(String clientId, String channel) {
        return (clientId + "-" + channel).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
