package dev.lodestone.server;

import dev.lodestone.server.openapi.ApiDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md covers every route the router serves, and no document of the repository links outside it. */
class DocsTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    @Test
    void apiReferenceHasAHeadingForEveryRoute() throws IOException {
        String api = Files.readString(REPO.resolve("docs/api.md"));
        List<String> missing = new ArrayList<>();
        // OpenApiTest holds this table equal to the router's.
        for (var route : ApiDescription.routes()) {
            String heading = "`" + route.method() + " " + route.template() + "`";
            if (!api.contains("### " + heading)) missing.add(heading);
        }
        assertThat(missing).as("routes without a '### `METHOD /path`' heading in docs/api.md").isEmpty();
    }

    /** Every Markdown file of the repository: README.md at the top, and those up to two folders below each top folder. */
    static List<Path> markdownFiles() throws IOException {
        List<Path> docs = new ArrayList<>();
        try (Stream<Path> top = Files.list(REPO)) {
            var roots = top.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            for (Path root : roots) {
                if (root.toString().endsWith(".md")) docs.add(root);
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> files = Files.walk(root, 2)) {
                    files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
                }
            }
        }
        return docs;
    }

    @Test
    void markdownLinksStayInsideTheRepository() throws IOException {
        var link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> broken = new ArrayList<>();
        List<Path> docs = markdownFiles();
        assertThat(docs).contains(REPO.resolve("README.md"), REPO.resolve("docs/api.md"));
        for (Path doc : docs) {
            var m = link.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) continue;
                Path resolved = doc.getParent().resolve(target).normalize();
                if (!resolved.startsWith(REPO) || !Files.exists(resolved)) broken.add(REPO.relativize(doc) + " -> " + target);
            }
        }
        assertThat(broken).as("relative links that leave the repository or point at nothing").isEmpty();
    }

    /** A link's {@code #anchor} names a heading of its target (GitHub's anchors), within the file or in another one. */
    @Test
    void markdownAnchorsNameAHeading() throws IOException {
        var link = Pattern.compile("\\]\\(([^)#\\s]*)#([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        List<Path> docs = markdownFiles();
        for (Path doc : docs) {
            var m = link.matcher(withoutCodeBlocks(Files.readString(doc)));
            while (m.find()) {
                String file = m.group(1);
                if (file.startsWith("http://") || file.startsWith("https://")) continue;
                Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!target.toString().endsWith(".md") || !Files.exists(target)) continue; // the test above reports it
                if (!anchors(Files.readString(target)).contains(m.group(2))) broken.add(REPO.relativize(doc) + " -> " + file + "#" + m.group(2));
            }
        }
        assertThat(broken).as("links whose #anchor is no heading of the target document").isEmpty();
    }

    @Test
    void anchorsFollowGitHubRules() {
        assertThat(anchors("# Quick start\n## `GET /api/v1/recommendations/user/{user_id}`\n## Limits\n## Limits\n"
                + "```\n# not a heading\n```\n### Goals and principles (why)\n"))
                .containsExactly("quick-start", "get-apiv1recommendationsuseruser_id", "limits", "limits-1", "goals-and-principles-why");
    }

    /** GitHub's heading anchors: lower case, only letters, digits, '_', '-' and spaces (which become '-'); repeats get -1, -2… */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        for (String line : withoutCodeBlocks(markdown).split("\n")) {
            var heading = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$").matcher(line);
            if (!heading.matches()) continue;
            String text = heading.group(1).replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1");
            String slug = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}_ -]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; anchors.contains(unique); n++) unique = slug + "-" + n;
            anchors.add(unique);
        }
        return anchors;
    }

    /** The text with fenced code blocks blanked out (a '#' line in a shell example is no heading). */
    static String withoutCodeBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                out.append('\n');
                continue;
            }
            out.append(inFence ? "" : line).append('\n');
        }
        return out.toString();
    }
}
