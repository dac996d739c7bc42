package io.autoresponder.broker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import io.autoresponder.broker.BrokerConfig;

/**
 * Decides what clients may publish and subscribe to, from the ACL of {@code autoresponder.broker.acl.*}
 * ({@link AclParser} format, read once at start). Without an ACL everything is allowed.
 */
@ApplicationScoped
public class Authorizer {

    private static final Logger LOG = Logger.getLogger(Authorizer.class);

    private final AclRules rules;

    Authorizer(BrokerConfig config) {
        this.rules = load(config.acl());
    }

    void logMode(@Observes StartupEvent event, BrokerConfig config) {
        if (!config.enabled()) {
            return;
        }
        if (rules.configured()) {
            LOG.infof("MQTT ACL on: %d anonymous, %d user, %d pattern rules (deny by default)",
                    rules.anonymous().size(), rules.users().values().stream().mapToInt(List::size).sum(),
                    rules.patterns().size());
        } else {
            LOG.info("No MQTT ACL configured (autoresponder.broker.acl.*): every client may publish and subscribe "
                    + "to every topic");
        }
    }

    /** What a client may do; computed once per connection, its checks are then plain loops over its rules. */
    public ClientPermissions permissionsFor(String clientId, String userName) {
        return ClientPermissions.of(rules, clientId, userName);
    }

    static AclRules load(BrokerConfig.Acl acl) {
        AclRules.Builder builder = new AclRules.Builder();
        acl.file().ifPresent(file -> AclParser.parse(read(file), "autoresponder.broker.acl.file " + file, builder));
        acl.rules().ifPresent(lines -> AclParser.parse(lines, "autoresponder.broker.acl.rules", builder));
        return builder.build();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("autoresponder.broker.acl.file " + file + " cannot be read", e);
        }
    }
}
