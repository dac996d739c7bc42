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
 * a client certificate from it; and a second, unrelated CA, whose trust store must refuse the server. Each as PEM,
 * and the client certificate and the CA also as PKCS12 stores. Valid for two days, EC P-256 keys (fast to make).
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
            certificates.run(OPENSSL.toString(), "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key",
                    "-out", "client.p12", "-passout", "pass:" + STORE_PASSWORD);
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
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(clientKeyStore())) {
                    keys.load(in, STORE_PASSWORD.toCharArray());
                }
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, STORE_PASSWORD.toCharArray());
                builder = builder.keyManagerFactory(keyManagers);
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
