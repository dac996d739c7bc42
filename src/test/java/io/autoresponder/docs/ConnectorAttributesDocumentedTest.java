package io.autoresponder.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;

import io.autoresponder.connector.embedded.EmbeddedConnector;
import io.autoresponder.connector.mqtt.MqttConnector;

/**
 * Each of our connectors' attributes is in its table of docs/configuration.md, with the default its
 * {@code @ConnectorAttribute} declares (the one place a default is written), and the table lists nothing else.
 */
class ConnectorAttributesDocumentedTest {

    private static final Path DOCUMENT = Path.of("docs/configuration.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** A connector and the line its table follows. */
    record Table(Class<?> connector, String startsAfter) {
        @Override
        public String toString() {
            return connector.getSimpleName();
        }
    }

    static List<Table> tables() {
        return List.of(new Table(EmbeddedConnector.class, "### `autoresponder-embedded` attributes"),
                new Table(MqttConnector.class, "Attributes (`mp.messaging.connector.autoresponder-mqtt.<key>`"));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyAttributeIsDocumentedWithItsDeclaredDefault(Table table) throws IOException {
        Map<String, String> declared = Arrays.stream(table.connector().getAnnotationsByType(ConnectorAttribute.class))
                .collect(Collectors.toMap(ConnectorAttribute::name, ConnectorAttribute::defaultValue, (a, b) -> a,
                        TreeMap::new));
        Map<String, String> documented = documented(table);

        assertThat(documented.keySet()).as("%s attributes in docs/configuration.md", table)
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        declared.forEach((name, defaultValue) -> {
            if (!ConnectorAttribute.NO_VALUE.equals(defaultValue)) {
                assertThat(documented.get(name)).as("documented default of %s", name)
                        .startsWith("`" + defaultValue + "`");
            }
        });
    }

    /** Attribute names of the table's first column (a row may name several), each with its default column. */
    private static Map<String, String> documented(Table table) throws IOException {
        List<String> lines = Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (lines.get(i).startsWith(table.startsAfter())) {
                start = i;
            }
        }
        assertThat(start).as("docs/configuration.md has a line starting '%s'", table.startsAfter()).isNotNegative();
        Map<String, String> attributes = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("|")) {
                rows.add(line);
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        for (String row : rows.subList(2, rows.size())) {
            String[] cells = row.split("\\|");
            Matcher names = CODE.matcher(cells[1]);
            while (names.find()) {
                attributes.put(names.group(1), cells[3].trim());
            }
        }
        return attributes;
    }
}
