package dev.lodestone.image.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart (deploy/helm/lodestone), rendered with its default values as Helm would (see {@link GoTemplate}):
 * every template is valid YAML, and what the manifests say agrees with the server — container port, probe paths,
 * environment variable names (the settings in docs/operations.md), the image's user, the drain's duration.
 */
class HelmChartTest {
    private static final Path CHART = Path.of("../deploy/helm/lodestone");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyTemplateRendersToYamlWithTheDefaultValues() throws IOException {
        Map<String, JsonNode> manifests = render(values());
        assertThat(manifests.keySet()).containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget", "Secret");
        manifests.values().forEach(m -> {
            assertThat(m.path("apiVersion").asText()).isNotEmpty();
            assertThat(m.path("metadata").path("name").asText()).isEqualTo("lodestone-lodestone");
        });
    }

    @Test
    void deploymentAgreesWithTheServersConfiguration() throws IOException {
        Map<String, JsonNode> manifests = render(values());
        JsonNode pod = manifests.get("Deployment").path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").path(0);

        assertThat(container.path("ports").path(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.path("ports").path(0).path("name").asText()).isEqualTo("http");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");

        Set<String> envNames = new TreeSet<>();
        container.path("env").forEach(e -> envNames.add(e.path("name").asText()));
        assertThat(documentedSettings()).as("settings documented in docs/operations.md").containsAll(envNames);
        assertThat(envNames).contains("HOST", "PORT", "API_KEY", "DATABASE_URL", "REDIS_URL", "SHUTDOWN_GRACE_SECS");
        assertThat(env(container, "PORT")).isEqualTo("8080");

        JsonNode security = pod.path("spec").path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("runAsUser").asInt()).as("the image's user").isEqualTo(65532);
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();

        int grace = Integer.parseInt(env(container, "SHUTDOWN_GRACE_SECS"));
        int drain = Integer.parseInt(env(container, "SHUTDOWN_TIMEOUT_SECS"));
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt())
                .as("Kubernetes must not SIGKILL a node before its drain ends").isGreaterThan(grace + drain);

        String secretName = manifests.get("Secret").path("metadata").path("name").asText();
        container.path("env").forEach(e -> {
            if (e.has("valueFrom")) {
                assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo(secretName);
                assertThat(manifests.get("Secret").path("stringData").has(e.path("valueFrom").path("secretKeyRef").path("key").asText())).isTrue();
            }
        });
    }

    @Test
    void serviceAndDisruptionBudgetSelectThePods() throws IOException {
        Map<String, JsonNode> manifests = render(values());
        Map<String, String> podLabels = labels(manifests.get("Deployment").path("spec").path("template").path("metadata").path("labels"));
        assertThat(podLabels).containsAllEntriesOf(labels(manifests.get("Service").path("spec").path("selector")));
        assertThat(podLabels).containsAllEntriesOf(labels(manifests.get("PodDisruptionBudget").path("spec").path("selector").path("matchLabels")));
        assertThat(manifests.get("Service").path("spec").path("ports").path(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(manifests.get("PodDisruptionBudget").path("spec").path("minAvailable").asInt())
                .isLessThan(manifests.get("Deployment").path("spec").path("replicas").asInt());
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingressRoutesEachHostToTheRelease() throws IOException {
        Map<String, Object> values = values();
        var ingress = (Map<String, Object>) values.get("ingress");
        ingress.put("enabled", true);
        ingress.put("hosts", List.of("shop-a.reco.example.com", "shop-b.reco.example.com"));
        JsonNode rules = render(values).get("Ingress").path("spec").path("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.path(1).path("host").asText()).isEqualTo("shop-b.reco.example.com");
        assertThat(rules.path(0).path("http").path("paths").path(0).path("backend").path("service").path("name").asText())
                .isEqualTo("lodestone-lodestone");
    }

    @Test
    void severalReplicasWithoutPostgresqlAreRefused() throws IOException {
        Map<String, Object> values = values();
        values.put("databaseUrl", "");
        assertThatThrownBy(() -> render(values)).isInstanceOf(GoTemplate.TemplateFailure.class).hasMessageContaining("databaseUrl");
        values.put("replicaCount", 1);
        assertThat(render(values)).containsKey("Deployment");
    }

    // ---- rendering ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values() throws IOException {
        return YAML.readValue(CHART.resolve("values.yaml").toFile(), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, JsonNode> render(Map<String, Object> values) throws IOException {
        Map<String, Object> chart = YAML.readValue(CHART.resolve("Chart.yaml").toFile(), LinkedHashMap.class);
        Map<String, Object> root = new HashMap<>();
        root.put("Values", values);
        root.put("Chart", Map.of("Name", chart.get("name"), "AppVersion", chart.get("appVersion"), "Version", chart.get("version")));
        root.put("Release", Map.of("Name", "lodestone", "Namespace", "default", "Service", "Helm"));

        var templates = new GoTemplate();
        templates.parse(Files.readString(CHART.resolve("templates/_helpers.tpl")));
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(CHART.resolve("templates"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String text = templates.render(templates.parse(Files.readString(file)), root);
            for (JsonNode document : YAML.readValues(YAML.createParser(text), JsonNode.class).readAll()) {
                if (document != null && !document.isMissingNode() && !document.isEmpty()) {
                    assertThat(byKind.put(document.path("kind").asText(), document)).as("one %s", document.path("kind")).isNull();
                }
            }
        }
        // NOTES.txt is not YAML but must render too.
        assertThat(templates.render(templates.parse(Files.readString(CHART.resolve("templates/NOTES.txt"))), root))
                .contains("lodestone-lodestone");
        return byKind;
    }

    private static Set<String> documentedSettings() throws IOException {
        Set<String> names = new TreeSet<>();
        var row = Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)` \\|");
        for (String line : Files.readAllLines(Path.of("../docs/operations.md"))) {
            var m = row.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertThat(labels).isNotEmpty();
        return labels;
    }

}
