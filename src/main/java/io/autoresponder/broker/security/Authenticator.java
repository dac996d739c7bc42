package io.autoresponder.broker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;

import io.autoresponder.broker.BrokerConfig;

/**
 * Decides whether a CONNECT's credentials let the client in. Hash checks cost milliseconds by design, so they
 * run on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class Authenticator {

    /** The answer to a CONNECT's credentials. */
    public enum Outcome {
        ACCEPTED, BAD_CREDENTIALS, NOT_AUTHORIZED,
        /** Too many password checks in flight ({@code max-pending-checks}): try again later. */
        BUSY
    }

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final Vertx vertx;
    private final boolean anonymous;
    private final Map<String, Supplier<PasswordHash>> users;
    private final int maxPendingChecks;
    private final AtomicInteger pendingChecks = new AtomicInteger();
    /** Checked for unknown user names too, so the answer takes as long as for a wrong password. */
    private final PasswordHash decoy = PasswordHash.decoy();

    Authenticator(Vertx vertx, BrokerConfig config) {
        this.vertx = vertx;
        this.anonymous = config.auth().anonymous();
        this.users = load(config.auth());
        this.maxPendingChecks = config.auth().maxPendingChecks();
        if (maxPendingChecks < 1) {
            throw new IllegalArgumentException("autoresponder.broker.auth.max-pending-checks must be at least 1, not "
                    + maxPendingChecks);
        }
    }

    void warnIfOpen(@Observes StartupEvent event, BrokerConfig config) {
        if (config.enabled() && anonymous) {
            LOG.warn("Anonymous MQTT clients may connect (autoresponder.broker.auth.anonymous=true): fine on a "
                    + "developer machine; set it to false and add users anywhere else");
        }
    }

    public Future<Outcome> authenticate(MqttAuth auth) {
        if (auth == null || auth.getUsername() == null) {
            return Future.succeededFuture(anonymous ? Outcome.ACCEPTED : Outcome.NOT_AUTHORIZED);
        }
        Supplier<PasswordHash> user = users.get(auth.getUsername());
        boolean known = user != null;
        String password = auth.getPassword() == null ? "" : auth.getPassword();
        if (pendingChecks.incrementAndGet() > maxPendingChecks) {
            pendingChecks.decrementAndGet();
            return Future.succeededFuture(Outcome.BUSY);
        }
        return vertx.executeBlocking(() -> known & (known ? user.get() : decoy).matches(password) ? Outcome.ACCEPTED
                : Outcome.BAD_CREDENTIALS, false).onComplete(checked -> pendingChecks.decrementAndGet());
    }

    private static Map<String, Supplier<PasswordHash>> load(BrokerConfig.Auth auth) {
        Map<String, Supplier<PasswordHash>> users = new HashMap<>();
        auth.users().forEach((name, hash) -> users.put(name, given(parse(hash, "autoresponder.broker.auth.users." + name))));
        auth.passwordFile().ifPresent(file -> readPasswordFile(file).forEach((name, hash) -> users.put(name, given(hash))));
        auth.plainPasswords().forEach((name, password) -> users.put(name, new HashedOnFirstCheck(password)));
        return Map.copyOf(users);
    }

    private static Supplier<PasswordHash> given(PasswordHash hash) {
        return () -> hash;
    }

    /**
     * A password handed over in plain text ({@code plain-passwords}), hashed when its user first connects, on the
     * worker thread that checks it, instead of on the main thread at start (each hash costs a third of a second
     * there by design). Only the first check of that user takes longer.
     */
    private static final class HashedOnFirstCheck implements Supplier<PasswordHash> {

        private String password;
        private PasswordHash hash;

        HashedOnFirstCheck(String password) {
            this.password = password;
        }

        @Override
        public synchronized PasswordHash get() {
            if (hash == null) {
                hash = PasswordHash.parse(PasswordHash.create(password));
                password = null;
            }
            return hash;
        }
    }

    /** Users of a {@code name:hash} file; throws, naming the line, on anything else. */
    static Map<String, PasswordHash> readPasswordFile(Path file) {
        Map<String, PasswordHash> users = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("autoresponder.broker.auth.password-file " + file + " cannot be read", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected name:hash");
            }
            users.put(line.substring(0, colon), parse(line.substring(colon + 1), file + " line " + (i + 1)));
        }
        return users;
    }

    private static PasswordHash parse(String hash, String where) {
        try {
            return PasswordHash.parse(hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not a password hash: " + e.getMessage(), e);
        }
    }
}
