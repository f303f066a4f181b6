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

    @Test
    void markdownLinksStayInsideTheRepository() throws IOException {
        var link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        List<String> broken = new ArrayList<>();
        List<Path> docs;
        try (Stream<Path> top = Files.list(REPO)) {
            var roots = top.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            docs = new ArrayList<>();
            for (Path root : roots) {
                if (root.toString().endsWith(".md")) docs.add(root);
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> files = Files.walk(root, 2)) {
                    files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
                }
            }
        }
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
}
