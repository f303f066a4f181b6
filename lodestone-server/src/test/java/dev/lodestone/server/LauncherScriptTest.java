package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher script picks a Java 21+ runtime, skipping older ones, and says what to install when there is none. */
class LauncherScriptTest {
    static final Path SCRIPT = Path.of("..", "lodestone").toAbsolutePath().normalize();

    record Run(int exit, String output) {
    }

    /** Runs the script with only {@code fakeBin} (a fake old java) ahead of the system PATH. */
    static Run run(Path jvmDir, Path fakeBin, String javaHome, String... args) throws Exception {
        var command = new java.util.ArrayList<>(java.util.List.of("bash", SCRIPT.toString()));
        command.addAll(java.util.List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LODESTONE_JVM_DIR", jvmDir.toString());
        pb.environment().put("PATH", fakeBin + ":/usr/bin:/bin");
        pb.environment().put("JAVA_HOME", javaHome);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** A {@code java} that says it is Java 17. */
    static Path oldJava(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return bin;
    }

    @Test
    void saysWhatToInstallWhenNoJava21IsFound(@TempDir Path tmp) throws Exception {
        Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
        Path oldHome = tmp.resolve("old-jdk");
        Path fakeBin = oldJava(oldHome);
        var run = run(jvmDir, fakeBin, oldHome.toString(), "java-home");
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("no Java 21+ runtime found").contains("Install a JDK 21 or newer");
    }

    @Test
    void choosesAJava21FromTheJvmFolderAndSkipsOlderOnes(@TempDir Path tmp) throws Exception {
        Path home = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();
        Path jvmDir = Files.createDirectories(tmp.resolve("jvm"));
        Files.createSymbolicLink(jvmDir.resolve("a-current-jdk"), home);
        Path fakeBin = oldJava(jvmDir.resolve("z-old-jdk"));
        var run = run(jvmDir, fakeBin, "/nonexistent", "java-home");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output().trim()).isEqualTo(jvmDir.resolve("a-current-jdk").toString());
    }
}
