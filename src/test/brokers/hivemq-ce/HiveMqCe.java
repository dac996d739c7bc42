import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * HiveMQ Community Edition, embedded, as a broker process of its own for the tests: a second real MQTT broker
 * besides Mosquitto. Run in Java's source-launcher mode, with the classpath that {@code pom.xml} next to this file
 * resolves (see {@code io.autoresponder.support.HiveMq}):
 *
 * <pre>java -cp &lt;classpath&gt; src/test/brokers/hivemq-ce/HiveMqCe.java &lt;port&gt; &lt;workdir&gt;</pre>
 *
 * The broker runs with its defaults: the only settings written are one TCP listener on 127.0.0.1:{@code port} and
 * anonymous usage statistics off (they would be sent over the internet). Its home, configuration, data (file
 * persistence) and extensions folders are under {@code workdir}, so a second run with the same {@code workdir}
 * finds the sessions of the first. No authenticator is installed: unlike the HiveMQ CE distribution, which denies
 * every client until a security extension is installed, the embedded build sets its default authentication
 * behaviour to allow all. Prints {@code HIVEMQ READY <port>} once started; stops cleanly on SIGTERM.
 */
public final class HiveMqCe {

    private static final long STOP_TIMEOUT_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp <classpath> HiveMqCe.java <port> <workdir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path workdir = Path.of(args[1]).toAbsolutePath();
        Path conf = Files.createDirectories(workdir.resolve("conf"));
        Path data = Files.createDirectories(workdir.resolve("data"));
        Path extensions = Files.createDirectories(workdir.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), configuration(port), StandardCharsets.UTF_8);
        // Otherwise the embedded broker takes the folder of its jar, in the local Maven repository, as its home.
        System.setProperty("hivemq.home", workdir.toString());

        EmbeddedHiveMQ hiveMq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                hiveMq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                hiveMq.close();
                System.out.println("HIVEMQ STOPPED " + port);
            } catch (Exception e) {
                System.err.println("HIVEMQ STOP FAILED: " + e);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "hivemq-ce-shutdown"));

        try {
            hiveMq.start().join();
        } catch (Exception e) {
            System.err.println("HIVEMQ START FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("HIVEMQ READY " + port);
        System.out.flush();
        stopped.await();
    }

    private static String configuration(int port) {
        return String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<hivemq>",
                "    <listeners>",
                "        <tcp-listener>",
                "            <port>" + port + "</port>",
                "            <bind-address>127.0.0.1</bind-address>",
                "        </tcp-listener>",
                "    </listeners>",
                "    <anonymous-usage-statistics>",
                "        <enabled>false</enabled>",
                "    </anonymous-usage-statistics>",
                "</hivemq>",
                "");
    }
}
