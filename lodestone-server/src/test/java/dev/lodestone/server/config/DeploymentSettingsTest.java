package dev.lodestone.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files set only variables of the settings table: a misspelt name there would be ignored by the node,
 * which would quietly run with the default.
 */
class DeploymentSettingsTest {
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

    @Test
    void theHelmChartSetsOnlySettings() throws IOException {
        String deployment = Files.readString(DEPLOY.resolve("helm/lodestone/templates/deployment.yaml"));
        List<String> names = all(Pattern.compile("- name: ([A-Z][A-Z0-9_]*)\\s*$", Pattern.MULTILINE), deployment);
        assertThat(names).contains("HOST", "API_KEY", "DATABASE_URL");
        assertThat(names).allSatisfy(name -> assertThat(Settings.named(name)).as(name + " is a setting").isPresent());
    }

    @Test
    void theComposeNodesSetOnlySettings() throws IOException {
        String compose = Files.readString(DEPLOY.resolve("compose.yaml"));
        // The nodes' environment is the x-node block (the other services' variables are their own).
        String node = compose.substring(compose.indexOf("\nx-node:"), compose.indexOf("\nservices:"));
        String environment = node.substring(node.indexOf("  environment:"), node.indexOf("  healthcheck:"));
        List<String> names = all(Pattern.compile("^ {4}([A-Z][A-Z0-9_]*):", Pattern.MULTILINE), environment);
        assertThat(names).contains("DATABASE_URL", "API_KEY");
        assertThat(names).allSatisfy(name -> assertThat(Settings.named(name)).as(name + " is a setting").isPresent());
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
