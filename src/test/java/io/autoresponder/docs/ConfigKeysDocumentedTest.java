package io.autoresponder.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import io.autoresponder.app.BuiltInResponderConfig;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.console.ConsoleConfig;
import io.autoresponder.ops.LivenessConfig;
import io.autoresponder.ops.ShutdownConfig;
import io.autoresponder.ops.StartupConfig;
import io.autoresponder.responder.ResponderConfig;
import io.autoresponder.rules.RulesConfig;

/**
 * Every configuration key the code declares is documented, once, with its type and default: the broker's in the
 * table of docs/broker.md, the service's other keys in the table of docs/configuration.md. Each table lists exactly
 * the keys of its {@code @ConfigMapping} interfaces, one row per key, sorted by key. Keys come from the interfaces by
 * reflection, nested groups included, as SmallRye Config names them (method names in kebab-case; a map adds
 * {@code .<name>}).
 */
class ConfigKeysDocumentedTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `([^`]+)` \\| ([a-z]+) \\| (?:`([^`]*)`)? *\\| (.+) \\|$");

    /** One key as declared or as documented. */
    record Key(String name, String type, String defaultValue) {
    }

    /** A documented table: the document, the heading it follows, and the mappings whose keys it lists. */
    record Table(String document, String heading, List<Class<?>> mappings) {
        @Override
        public String toString() {
            return document + " " + heading;
        }
    }

    static List<Table> tables() {
        return List.of(
                new Table("docs/broker.md", "## Broker configuration", List.of(BrokerConfig.class)),
                new Table("docs/configuration.md", "## Service configuration",
                        List.of(ResponderConfig.class, StartupConfig.class, LivenessConfig.class,
                                ShutdownConfig.class, BuiltInResponderConfig.class, RulesConfig.class,
                                ConsoleConfig.class)));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyKeyIsInItsTableWithItsTypeAndDefault(Table table) throws IOException {
        Map<String, Key> declared = declaredKeys(table.mappings());
        Map<String, Key> documented = new TreeMap<>();
        for (Row row : rows(table)) {
            documented.put(row.key().name(), row.key());
        }

        assertThat(documented.keySet()).as("%s table rows vs %s keys", table, table.mappings())
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        assertThat(documented).as("type and default of each key").containsExactlyInAnyOrderEntriesOf(declared);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableHasOneRowPerKeySortedByKeyEachWithAMeaning(Table table) throws IOException {
        List<Row> rows = rows(table);
        List<String> keys = rows.stream().map(row -> row.key().name()).toList();

        assertThat(keys).as("rows sorted by key, no duplicates").isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> assertThat(row.meaning()).isNotBlank());
    }

    @Test
    void kebabCaseFollowsSmallRyeConfig() {
        assertThat(kebab("maxTopicLevels")).isEqualTo("max-topic-levels");
        assertThat(kebab("port")).isEqualTo("port");
        assertThat(kebab("sysInterval")).isEqualTo("sys-interval");
    }

    // ---- @ConfigMapping interfaces by reflection ----------------------------------------------------------

    static Map<String, Key> declaredKeys(List<Class<?>> mappings) {
        Map<String, Key> keys = new TreeMap<>();
        for (Class<?> mapping : mappings) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, mapping, keys);
        }
        return keys;
    }

    private static void collect(String prefix, Class<?> mapping, Class<?> group, Map<String, Key> keys) {
        for (Method method : group.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == mapping) {
                collect(name, mapping, type, keys);
                continue;
            }
            Type generic = method.getGenericReturnType();
            if (Map.class.isAssignableFrom(type)) {
                name = name + ".<name>";
                generic = ((ParameterizedType) generic).getActualTypeArguments()[1];
            } else if (type == Optional.class) {
                generic = ((ParameterizedType) generic).getActualTypeArguments()[0];
            }
            WithDefault defaultValue = method.getAnnotation(WithDefault.class);
            keys.put(name, new Key(name, typeName(generic), defaultValue == null ? "" : defaultValue.value()));
        }
    }

    static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String typeName(Type type) {
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == Path.class) {
            return "path";
        }
        if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return "enum";
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return "list";
        }
        throw new AssertionError("no documented type name for " + type + ": add one here");
    }

    // ---- the documents ------------------------------------------------------------------------------------

    record Row(Key key, String meaning) {
    }

    static List<Row> rows(Table table) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(table.document()), StandardCharsets.UTF_8);
        int heading = lines.indexOf(table.heading());
        assertThat(heading).as("%s has a '%s' section", table.document(), table.heading()).isNotNegative();
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("|")) {
                inTable = true;
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    String defaultValue = row.group(3) == null ? "" : row.group(3);
                    rows.add(new Row(new Key(row.group(1), row.group(2), defaultValue), row.group(4).trim()));
                } else if (!line.startsWith("| key ") && !line.startsWith("|---")) {
                    throw new AssertionError(table.document() + " table row not in the form"
                            + " | `key` | type | `default` | meaning |: " + line);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }
}
