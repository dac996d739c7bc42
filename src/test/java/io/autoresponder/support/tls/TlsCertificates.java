package io.autoresponder.support.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;

/**
 * Throw-away certificates for TLS tests, made at test time with {@code openssl} and the JDK's {@code keytool}
 * in a temporary directory: a test CA; a server certificate from it for {@code 127.0.0.1} and {@code localhost};
 * a client certificate from it; a second, unrelated CA, whose trust store must refuse the server; and a stranger's
 * self-signed certificate that the server must refuse. Each as PEM; the server's, client's and stranger's keys and
 * the CA also as PKCS12 stores (for the embedded broker's TLS listener and for clients). Valid for two days, EC
 * P-256 keys (fast to make).
 */
public final class TlsCertificates {

    /** Password of the PKCS12 stores. */
    public static final String STORE_PASSWORD = "test-store-secret";
    /** Where Debian installs openssl. */
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private final Path directory;

    private TlsCertificates(Path directory) {
        this.directory = directory;
    }

    /** The certificates generated earlier into {@code directory} (e.g. by a test resource in another class loader). */
    public static TlsCertificates in(Path directory) {
        return new TlsCertificates(directory);
    }

    /** Makes a fresh set; fails naming what to install when openssl or keytool is missing. */
    public static TlsCertificates generate() {
        if (!Files.isExecutable(OPENSSL)) {
            throw new IllegalStateException("TLS tests make their certificates with openssl, which is not installed at "
                    + OPENSSL + ": apt-get install -y openssl");
        }
        if (!Files.isExecutable(KEYTOOL)) {
            throw new IllegalStateException("TLS tests need the JDK's keytool at " + KEYTOOL
                    + ": run the tests with a full JDK (e.g. Debian package openjdk-17-jdk-headless)");
        }
        try {
            Path directory = Files.createTempDirectory("tls-");
            // Mosquitto, started as root, drops to its own user and must still read the server's files.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            TlsCertificates certificates = new TlsCertificates(directory);
            certificates.makeCa("ca");
            certificates.makeCa("other-ca");
            certificates.makeSigned("server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "extendedKeyUsage=serverAuth\n");
            certificates.makeSigned("client", "autoresponder-test-client", "extendedKeyUsage=clientAuth\n");
            certificates.makeCa("stranger");
            certificates.run(OPENSSL.toString(), "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key",
                    "-certfile", "ca.pem", "-out", "server.p12", "-passout", "pass:" + STORE_PASSWORD);
            for (String name : List.of("client", "stranger")) {
                certificates.run(OPENSSL.toString(), "pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key",
                        "-out", name + ".p12", "-passout", "pass:" + STORE_PASSWORD);
            }
            certificates.run(KEYTOOL.toString(), "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem",
                    "-keystore", "ca-trust.p12", "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeCa(String name) {
        run(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=autoresponder-test-" + name);
    }

    private void makeSigned(String name, String commonName, String extensions) throws IOException {
        run(OPENSSL.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        Files.writeString(directory.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
        run(OPENSSL.toString(), "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The test CA's certificate (PEM): what clients trust and Mosquitto's {@code cafile}. */
    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    /** An unrelated CA's certificate (PEM): trusting only it must refuse the server. */
    public Path otherCaCertificate() {
        return directory.resolve("other-ca.pem");
    }

    /** The test CA as a PKCS12 trust store, password {@link #STORE_PASSWORD}. */
    public Path caTrustStore() {
        return directory.resolve("ca-trust.p12");
    }

    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public Path clientCertificate() {
        return directory.resolve("client.pem");
    }

    public Path clientKey() {
        return directory.resolve("client.key");
    }

    /** The client certificate and key as a PKCS12 key store, password {@link #STORE_PASSWORD}. */
    public Path clientKeyStore() {
        return directory.resolve("client.p12");
    }

    /** The server certificate, its key and the CA as a PKCS12 key store, password {@link #STORE_PASSWORD}. */
    public Path serverKeyStore() {
        return directory.resolve("server.p12");
    }

    /** What a server that requires client certificates trusts: the test CA, so the client and not the stranger. */
    public Path serverTrustStore() {
        return caTrustStore();
    }

    /** Key managers of the client whose certificate the test CA signed. */
    public KeyManagerFactory clientKeys() {
        return keys("client.p12");
    }

    /** Key managers of a client with a self-signed certificate nobody trusts. */
    public KeyManagerFactory strangerKeys() {
        return keys("stranger.p12");
    }

    /** Trust managers of clients: the test CA, so the server. */
    public TrustManagerFactory clientTrust() {
        try (InputStream in = Files.newInputStream(caTrustStore())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(in, STORE_PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test CA in " + directory, e);
        }
    }

    private KeyManagerFactory keys(String store) {
        try (InputStream in = Files.newInputStream(directory.resolve(store))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, STORE_PASSWORD.toCharArray());
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + store + " in " + directory, e);
        }
    }

    /** TLS for a test's own HiveMQ client: trusts the test CA, and presents the client certificate if asked. */
    public MqttClientSslConfig clientSslConfig(boolean withClientCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caCertificate())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder().trustManagerFactory(trustManagers);
            if (withClientCertificate) {
                builder = builder.keyManagerFactory(clientKeys());
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test certificates in " + directory, e);
        }
    }

    /** Deletes the files. */
    public void delete() {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort((a, b) -> b.getNameCount() - a.getNameCount());
            all.forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
