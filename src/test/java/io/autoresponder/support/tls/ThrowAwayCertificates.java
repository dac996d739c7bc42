package io.autoresponder.support.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made with the JDK's {@code keytool} in a temporary directory, for TLS tests: a server
 * (CN=localhost, SAN 127.0.0.1), a trusted client, and a stranger whose certificate nobody trusts. Stores are
 * PKCS12 with the password {@link #PASSWORD}.
 */
public final class ThrowAwayCertificates {

    public static final String PASSWORD = "throwaway";

    private final Path directory;

    private ThrowAwayCertificates(Path directory) {
        this.directory = directory;
    }

    /** The certificates generated earlier into {@code directory} (e.g. by a test resource in another class loader). */
    public static ThrowAwayCertificates in(Path directory) {
        return new ThrowAwayCertificates(directory);
    }

    /** Generates all stores; takes a second or two (key generation). */
    public static ThrowAwayCertificates generate() {
        try {
            ThrowAwayCertificates certificates = new ThrowAwayCertificates(Files.createTempDirectory("mqtt-tls-"));
            certificates.keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            certificates.keyPair("client", "CN=trusted-client", null);
            certificates.keyPair("stranger", "CN=stranger", null);
            certificates.trust("server", "client-trust");
            certificates.trust("client", "server-trust");
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Key store of the broker (server certificate and key). */
    public Path serverKeyStore() {
        return store("server");
    }

    /** Trust store of the broker: the trusted client's certificate. */
    public Path serverTrustStore() {
        return store("server-trust");
    }

    /** Key managers of the trusted client. */
    public KeyManagerFactory clientKeys() {
        return keys("client");
    }

    /** Key managers of a client whose certificate the broker does not trust. */
    public KeyManagerFactory strangerKeys() {
        return keys("stranger");
    }

    /** Trust managers of clients: the server's certificate. */
    public TrustManagerFactory clientTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load("client-trust"));
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyManagerFactory keys(String name) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(name), PASSWORD.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(String name) {
        try (InputStream in = Files.newInputStream(store(name))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path store(String name) {
        return directory.resolve(name + ".p12");
    }

    private void keyPair(String name, String dname, String extension) {
        List<String> command = new java.util.ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", store(name).toString(), "-storepass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        run(command);
    }

    /** Puts the certificate of {@code owner} into the trust store {@code trustStore}. */
    private void trust(String owner, String trustStore) {
        Path certificate = directory.resolve(owner + ".crt");
        run(List.of(keytool(), "-exportcert", "-alias", owner, "-keystore", store(owner).toString(), "-storepass",
                PASSWORD, "-rfc", "-file", certificate.toString()));
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", owner, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", store(trustStore).toString(), "-storepass", PASSWORD));
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
