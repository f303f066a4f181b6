package dev.lodestone.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "never" rows of the project's structure, checked on the main sources' text (imports and fully qualified
 * names): transport below policy and use cases (no {@code http} → {@code auth}/{@code ingest}, hence no cycle), the
 * feed and auth below ingest, a store that knows no HTTP, and a core that does no I/O.
 */
class ArchitectureRulesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern REFERENCE = Pattern.compile("\\b((?:dev\\.lodestone|io\\.helidon|java\\.(?:io|net|sql|nio\\.file|nio\\.channels))(?:\\.[a-z][a-z0-9_]*)+)(?:\\.[A-Z]\\w*)?");

    record Rule(String from, String forbidden, List<String> stillAllowed, String why) {
    }

    private static final String SERVER = "lodestone-server/src/main/java/dev/lodestone/server/";
    private static final List<Rule> RULES = List.of(
            new Rule(SERVER + "http/", "dev.lodestone.server.auth", List.of(), "transport below policy"),
            new Rule(SERVER + "http/", "dev.lodestone.server.ingest", List.of(), "transport below use cases"),
            new Rule(SERVER + "ingest/", "dev.lodestone.server.http", List.of(), "write services do not speak HTTP"),
            new Rule(SERVER + "feed/", "dev.lodestone.server.ingest", List.of(), "the feed does not go through ingest"),
            new Rule(SERVER + "auth/", "dev.lodestone.server.ingest", List.of(), "auth does not use ingest"),
            new Rule("lodestone-store/src/main/java/", "dev.lodestone.server", List.of(), "the store knows no HTTP"),
            new Rule("lodestone-store/src/main/java/", "io.helidon", List.of(), "the store knows no HTTP"),
            new Rule("lodestone-core/src/main/java/", "dev.lodestone.store", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "dev.lodestone.server", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "java.io", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "java.net", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "java.sql", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "java.nio.file", List.of(), "the core does no I/O"),
            new Rule("lodestone-core/src/main/java/", "java.nio.channels", List.of(), "the core does no I/O"));

    @Test
    void theNeverRowsHold() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Rule rule : RULES) {
            Path dir = REPO.resolve(rule.from());
            assertThat(dir).as("rule source folder").isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String name : references(Files.readString(file))) {
                        if ((name.equals(rule.forbidden()) || name.startsWith(rule.forbidden() + "."))
                                && rule.stillAllowed().stream().noneMatch(name::startsWith)) {
                            broken.add(REPO.relativize(file) + " uses " + name + " (" + rule.why() + ")");
                        }
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static final Pattern PROCESS_SETTING_READ =
            Pattern.compile("\\b(System\\.getenv|System\\.getProperty|Integer\\.getInteger|Long\\.getLong|Boolean\\.getBoolean)\\b");
    private static final List<String> SETTING_READERS = List.of(SERVER + "config/ConfigLoader.java");

    /** Settings have one owner: the settings table, read by ConfigLoader; nothing else reads the environment. */
    @Test
    void onlyTheConfigLoaderReadsTheEnvironment() throws IOException {
        List<String> readers = new ArrayList<>();
        for (String module : List.of("lodestone-core", "lodestone-store", "lodestone-server", "lodestone-client")) {
            Path dir = REPO.resolve(module + "/src/main/java");
            assertThat(dir).as("module sources").isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String relative = REPO.relativize(file).toString();
                    if (!SETTING_READERS.contains(relative) && readsProcessSettings(Files.readString(file))) readers.add(relative);
                }
            }
        }
        assertThat(readers).as("main sources reading environment variables or system properties outside"
                + " dev.lodestone.server.config.ConfigLoader (add a row to Settings instead)").isEmpty();
        assertThat(readsProcessSettings(Files.readString(REPO.resolve(SETTING_READERS.getFirst())))).isTrue();
    }

    @Test
    void theEnvironmentRuleCatchesARead() {
        assertThat(readsProcessSettings("class A { String h = System.getenv(\"HOME\"); }")).isTrue();
        assertThat(readsProcessSettings("class A { int r = Integer.getInteger(\"rounds\", 3); }")).isTrue();
        assertThat(readsProcessSettings("class A { /* System.getenv is not read here */ }")).isFalse();
    }

    static boolean readsProcessSettings(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        return PROCESS_SETTING_READ.matcher(code).find();
    }

    @Test
    void theRuleCatchesAnImport() {
        assertThat(references("package x;\nimport dev.lodestone.server.auth.Principal;\nclass A { dev.lodestone.server.ingest.Ids i; }"))
                .contains("dev.lodestone.server.auth.Principal", "dev.lodestone.server.ingest.Ids");
    }

    /** Qualified names in the text, comments excluded (a comment may name a package it does not use). */
    static List<String> references(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) names.add(m.group());
        return names;
    }
}
