package dev.lodestone.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/operations.md holds the table the settings table generates, and only that part of it is generated. */
class SettingsDocTest {
    static final Path OPERATIONS = Path.of("..", "docs", "operations.md").toAbsolutePath().normalize();

    @Test
    void theOperationsGuideHoldsTheGeneratedTable() throws IOException {
        String doc = Files.readString(OPERATIONS);
        assertThat(SettingsDoc.currentTable(doc))
                .as("the settings table of docs/operations.md differs from dev.lodestone.server.config.Settings;"
                        + " run ./lodestone config-docs to write it again")
                .isEqualTo(SettingsDoc.table());
        for (Setting<?> setting : Settings.ALL) {
            assertThat(SettingsDoc.currentTable(doc)).contains("| `" + setting.name() + "` |");
        }
    }

    @Test
    void writingTheTableKeepsTheRestOfTheDocument() {
        String doc = "# Ops\n\nBefore.\n\n" + SettingsDoc.START + "\n| old | table |\n" + SettingsDoc.END + "\n\nAfter.\n";
        String written = SettingsDoc.withTable(doc);
        assertThat(written).isEqualTo("# Ops\n\nBefore.\n\n" + SettingsDoc.START + "\n" + SettingsDoc.table()
                + SettingsDoc.END + "\n\nAfter.\n");
        assertThat(SettingsDoc.withTable(written)).as("writing twice changes nothing").isEqualTo(written);
        assertThat(SettingsDoc.currentTable(written)).isEqualTo(SettingsDoc.table());
        assertThatThrownBy(() -> SettingsDoc.withTable("# no markers\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settings table");
    }

    @Test
    void aSecretSaysSoInTheDocs() {
        assertThat(SettingsDoc.table()).contains("| `API_KEY` | unset | at least 16 characters |")
                .containsPattern("\\| `API_KEY` \\|.*\\*\\*Secret\\*\\*: shown as `\\*\\*\\*\\*\\*\\*\\*\\*`");
    }
}
