package io.autoresponder.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API does not change by accident: the public signatures of {@code io.autoresponder.api} (what handlers
 * use) and of {@code io.autoresponder.testing} (the test helpers in the tests jar), read from the compiled classes,
 * must equal the files under {@code src/test/resources/api/}. A change on purpose updates the file in the same
 * commit (run this test with {@code -Dapi.signatures.update=true}), so the change shows in review; removing or
 * changing a signature breaks users' code and needs a major version.
 */
class ApiSignatureTest {

    /** A published package: where its classes are compiled to, and where its signatures are recorded. */
    record Published(String packageName, Path classes, Path recorded) {
        @Override
        public String toString() {
            return packageName;
        }
    }

    static List<Published> published() {
        return List.of(
                new Published("io.autoresponder.api", Path.of("target/classes/io/autoresponder/api"),
                        Path.of("src/test/resources/api/signatures.txt")),
                new Published("io.autoresponder.testing", Path.of("target/test-classes/io/autoresponder/testing"),
                        Path.of("src/test/resources/api/testing-signatures.txt")));
    }

    @ParameterizedTest
    @MethodSource("published")
    void publicSignaturesAreTheRecordedOnes(Published published) throws Exception {
        List<String> current = signatures(published);
        if (Boolean.getBoolean("api.signatures.update")) {
            Files.write(published.recorded(), current, StandardCharsets.UTF_8);
        }
        List<String> recorded = Files.readAllLines(published.recorded(), StandardCharsets.UTF_8);

        assertThat(current).as("public signatures of %s vs %s (changed on purpose? run with "
                + "-Dapi.signatures.update=true and commit the file)", published, published.recorded())
                .containsExactlyElementsOf(recorded);
    }

    @Test
    void theApiIsNotEmpty() throws Exception {
        String api = "io.autoresponder.api";
        assertThat(signatures(published().get(0))).anyMatch(line -> line.startsWith("record " + api + ".MqttIncomingMetadata"))
                .anyMatch(line -> line.startsWith("record " + api + ".MqttOutgoingMetadata"));
        assertThat(signatures(published().get(1))).anyMatch(line -> line.startsWith("class io.autoresponder.testing.MqttTestClient"));
    }

    static List<String> signatures(Published published) throws IOException, ClassNotFoundException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(published.classes())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (name.equals("package-info")) {
                    continue;
                }
                // The binary name: nested classes keep their '$'.
                Class<?> type = Class.forName(published.packageName() + "." + name, false,
                        ApiSignatureTest.class.getClassLoader());
                if (isPublic(type)) {
                    describe(type, lines);
                }
            }
        }
        return lines.stream().sorted().distinct().toList();
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return !type.isSynthetic() && !type.isAnonymousClass();
    }

    private static void describe(Class<?> type, List<String> lines) {
        String kind = type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isInterface() ? "interface" : "class";
        String name = type.getName().replace('$', '.');
        String supers = Stream.concat(Stream.ofNullable(type.getGenericSuperclass())
                .filter(s -> s != Object.class && s != Record.class && !(type.isEnum())),
                Arrays.stream(type.getGenericInterfaces())).map(Type::getTypeName).collect(Collectors.joining(", "));
        lines.add(kind + " " + name + modifiers(type.getModifiers() & ~Modifier.PUBLIC & ~Modifier.INTERFACE
                & ~Modifier.ABSTRACT) + (supers.isEmpty() ? "" : " : " + supers));
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(constructor.getModifiers()) || Modifier.isProtected(constructor.getModifiers())) {
                lines.add(name + " " + executable("<init>", constructor));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if ((Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers()))
                    && !method.isSynthetic() && !method.isBridge()) {
                lines.add(name + " " + method.getGenericReturnType().getTypeName() + " "
                        + executable(method.getName(), method) + modifiers(method.getModifiers() & Modifier.STATIC));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers())) {
                lines.add(name + " field " + field.getGenericType().getTypeName() + " " + field.getName()
                        + modifiers(field.getModifiers() & (Modifier.STATIC | Modifier.FINAL)));
            }
        }
    }

    private static String executable(String name, Executable executable) {
        return name + Arrays.stream(executable.getGenericParameterTypes()).map(Type::getTypeName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String modifiers(int modifiers) {
        return modifiers == 0 ? "" : " [" + Modifier.toString(modifiers) + "]";
    }
}
