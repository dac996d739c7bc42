package io.autoresponder.compat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * A library whose internals we reach into, named as an operator would look it up: its title and the version on
 * the class path (from the jar's Maven metadata, else its manifest).
 *
 * @param title      human-readable name, e.g. {@code Vert.x MQTT}
 * @param groupId    Maven group id
 * @param artifactId Maven artifact id
 * @param anchor     a public class of the library, to find its jar
 */
record Dependency(String title, String groupId, String artifactId, Class<?> anchor) {

    /** {@code "Vert.x MQTT 4.5.27 (io.vertx:vertx-mqtt)"}. */
    String describe() {
        return title + " " + version() + " (" + groupId + ":" + artifactId + ")";
    }

    /**
     * The failure of a start-up check: {@code internal} (what we reach into) has {@code problem}, and we need it to
     * {@code purpose}. Says which version of this dependency the running one is and what to do.
     */
    IllegalStateException unsupported(String internal, String problem, String purpose) {
        return new IllegalStateException(describe() + ": internal " + internal + " " + problem + "; it is needed to "
                + purpose + ". This release of autoresponder does not support this version of " + title
                + ": use the version its pom.xml names.");
    }

    String version() {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        ClassLoader loader = anchor.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String version = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        return version != null ? version : "(version unknown)";
    }
}
