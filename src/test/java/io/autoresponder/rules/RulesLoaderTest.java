package io.autoresponder.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Loading the rules at start, and hot reload: a valid change is swapped in, an invalid one keeps the old rules. */
class RulesLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aValidChangeIsSwappedInAndListenersHearOfIt() throws Exception {
        Path file = write("rules.yaml", rule("first", "a"));
        RulesLoader loader = loader(file);
        loader.load();
        List<RuleSet> heard = new ArrayList<>();
        loader.onReload(heard::add);

        write("rules.yaml", rule("second", "b"));
        loader.reload();

        assertThat(names(loader)).containsExactly("second");
        assertThat(heard).hasSize(1);
        assertThat(loader.current().problems()).isEmpty();
    }

    @Test
    void anInvalidChangeKeepsTheRulesInForceAndSaysWhereItIsWrong() throws Exception {
        Path file = write("rules.yaml", rule("first", "a"));
        RulesLoader loader = loader(file);
        loader.load();
        List<RuleSet> heard = new ArrayList<>();
        loader.onReload(heard::add);

        write("rules.yaml", """
                rules:
                  - name: broken
                    topic: a/+b
                    reply: {payload: {}}
                """);
        loader.reload();

        assertThat(names(loader)).containsExactly("first");
        assertThat(heard).isEmpty();
        assertThat(loader.current().problems()).extracting(RuleProblem::toString)
                .containsExactly(file + ":3:12: topic filter 'a/+b': '+' must occupy a whole level [MQTT-4.7.1-3]");

        write("rules.yaml", rule("fixed", "c"));
        loader.reload();

        assertThat(names(loader)).containsExactly("fixed");
        assertThat(loader.current().problems()).isEmpty();
    }

    @Test
    void aFileStillBeingWrittenIsNotLoadedUntilItReadsTheSameTwice() throws Exception {
        Path file = write("rules.yaml", rule("first", "a"));
        String whole = rule("second", "b");
        Runnable writerFinishes = () -> {
            try {
                write("rules.yaml", whole);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        RulesLoader loader = loader(file, writerFinishes);
        loader.load();
        LoadedRules before = loader.current();

        write("rules.yaml", whole.substring(0, whole.indexOf("topic")));
        loader.reload();

        assertThat(loader.current()).as("neither swapped in nor reported").isSameAs(before);

        loader.reload();

        assertThat(names(loader)).containsExactly("second");
        assertThat(loader.current().problems()).isEmpty();
    }

    @Test
    void anEmptyFileIsRefusedSinceATruncatedFileLooksLikeOne() throws Exception {
        Path file = write("rules.yaml", rule("first", "a"));
        RulesLoader loader = loader(file);
        loader.load();

        write("rules.yaml", "");
        loader.reload();

        assertThat(names(loader)).containsExactly("first");
        assertThat(loader.current().problems()).extracting(RuleProblem::toString)
                .containsExactly(file + ":1:1: the file is empty; a file without rules says 'rules: []'");

        write("rules.yaml", "rules: []\n");
        loader.reload();

        assertThat(names(loader)).isEmpty();
        assertThat(loader.current().problems()).isEmpty();
    }

    @Test
    void anUnchangedFileIsNotParsedAgain() throws Exception {
        Path file = write("rules.yaml", rule("first", "a"));
        RulesLoader loader = loader(file);
        loader.load();
        LoadedRules before = loader.current();

        loader.reload();

        assertThat(loader.current()).isSameAs(before);
    }

    @Test
    void anInvalidFileAtStartStopsTheStartWithEveryProblem() throws Exception {
        Path file = write("rules.yaml", """
                rules:
                  - name: x
                    topic: "#/a"
                    reply: {payload: {}, qos: 7}
                """);

        assertThatThrownBy(() -> loader(file).load()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 problems in the rules")
                .hasMessageContaining(file + ":3:12: topic filter '#/a'")
                .hasMessageContaining(file + ":4:31: qos must be 0, 1 or 2, not 7");
    }

    @Test
    void aMissingFileAtStartStopsTheStart() {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> loader(file).load()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file + ":1:1: cannot read the rules");
    }

    @Test
    void aDirectoryIsReadInNameOrderAsOneListWithNamesUniqueAcrossIt() throws Exception {
        write("20-late.yaml", rule("late", "b"));
        write("10-early.yml", rule("early", "a"));
        write("notes.txt", "not rules");
        RulesLoader loader = loader(dir);
        loader.load();

        assertThat(names(loader)).containsExactly("early", "late");

        write("30-again.yaml", rule("early", "c"));
        loader.reload();

        assertThat(names(loader)).containsExactly("early", "late");
        assertThat(loader.current().problems()).extracting(RuleProblem::toString).containsExactly(
                dir.resolve("30-again.yaml") + ":2:5: a rule named 'early' is also at " + dir.resolve("10-early.yml")
                        + ":2:5; names must be unique across the directory");
    }

    @Test
    void aFileLargerThanTheLimitIsRefused() throws Exception {
        Path file = write("big.yaml", "# " + "x".repeat(2000) + "\n" + rule("r", "a"));

        assertThatThrownBy(() -> new RulesLoader(config(file, 1000), parser(), Clock.systemUTC(), () -> { }).load())
                .hasMessageContaining("larger than 1000 (autoresponder.rules.max-file-bytes)");
    }

    private RulesLoader loader(Path file) {
        return loader(file, () -> { });
    }

    private RulesLoader loader(Path file, Runnable settle) {
        return new RulesLoader(config(file, 1 << 20), parser(), Clock.systemUTC(), settle);
    }

    private static RulesParser parser() {
        return new RulesParser(new Templates(new ObjectMapper()), Duration.ofSeconds(10));
    }

    private static List<String> names(RulesLoader loader) {
        return loader.current().rules().rules().stream().map(Rule::name).toList();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String rule(String name, String topic) {
        return """
                rules:
                  - name: %s
                    topic: %s
                    reply: {payload: {ok: true}}
                """.formatted(name, topic);
    }

    private static RulesConfig config(Path file, int maxBytes) {
        return new RulesConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<String> file() {
                return Optional.of(file.toString());
            }

            @Override
            public Duration reloadInterval() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int maxFileBytes() {
                return maxBytes;
            }
        };
    }
}
