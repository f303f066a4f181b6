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

    /** {@code run} builds only when a source or pom of the server's modules is newer than the jar. */
    @Test
    void runBuildsOnlyWhenSourcesChanged(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(SCRIPT, repo.resolve("lodestone"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path source = Files.createDirectories(repo.resolve("lodestone-core/src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Path jar = Files.createDirectories(repo.resolve("lodestone-server/target")).resolve("lodestone.jar");
        Path log = tmp.resolve("mvn.log");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mvn"), "#!/bin/sh\necho built >> '" + log + "'\ntouch '" + jar + "'\n");
        Path jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
        executable(jdk.resolve("java"), "#!/bin/sh\ncase \"$1\" in -XshowSettings*) echo '    java.specification.version = 25' >&2;; *) echo \"java $*\";; esac\n");
        executable(jdk.resolve("javac"), "#!/bin/sh\n");
        var launch = (java.util.concurrent.Callable<String>) () -> {
            var pb = new ProcessBuilder("bash", repo.resolve("lodestone").toString(), "run").redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":/usr/bin:/bin");
            pb.environment().put("JAVA_HOME", jdk.getParent().toString());
            pb.environment().put("LODESTONE_JVM_DIR", tmp.resolve("none").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("-jar lodestone-server/target/lodestone.jar");
            return Files.exists(log) ? Files.readString(log) : "";
        };
        assertThat(launch.call()).as("no jar yet: builds").isEqualTo("built\n");
        var past = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(source, past);
        Files.setLastModifiedTime(repo.resolve("pom.xml"), past);
        assertThat(launch.call()).as("nothing changed: no build").isEqualTo("built\n");
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch.call()).as("a source changed: builds").isEqualTo("built\nbuilt\n");
    }

    /** The server always runs with -XX:+ExitOnOutOfMemoryError, with the default heap options or with JAVA_OPTS. */
    @Test
    void theServerAlwaysExitsOnOutOfMemory(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(SCRIPT, repo.resolve("lodestone"));
        Files.createFile(Files.createDirectories(repo.resolve("lodestone-server/target")).resolve("lodestone.jar"));
        Path jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
        executable(jdk.resolve("java"), "#!/bin/sh\ncase \"$1\" in -XshowSettings*) echo '    java.specification.version = 25' >&2;; *) echo \"java $*\";; esac\n");
        var start = (java.util.function.Function<String, String>) javaOpts -> {
            try {
                var pb = new ProcessBuilder("bash", repo.resolve("lodestone").toString(), "start").redirectErrorStream(true);
                pb.environment().put("PATH", "/usr/bin:/bin");
                pb.environment().put("JAVA_HOME", jdk.getParent().toString());
                pb.environment().put("LODESTONE_JVM_DIR", tmp.resolve("none").toString());
                if (javaOpts == null) pb.environment().remove("JAVA_OPTS");
                else pb.environment().put("JAVA_OPTS", javaOpts);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                return out.lines().filter(l -> l.startsWith("java ")).findFirst().orElseThrow();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(start.apply(null)).contains("-XX:+ExitOnOutOfMemoryError").contains("-Xmx768m")
                .endsWith("-jar lodestone-server/target/lodestone.jar");
        assertThat(start.apply("-Xmx64m")).contains("-XX:+ExitOnOutOfMemoryError").contains("-Xmx64m")
                .doesNotContain("-Xmx768m");
    }

    /** A copy of the script in {@code tmp/repo} with a fake Java 25 and a fake mvn that logs its runs and MAVEN_OPTS. */
    static Run runFake(Path tmp, String... args) throws Exception {
        Path repo = tmp.resolve("repo");
        if (!Files.exists(repo.resolve("lodestone"))) {
            Files.createDirectories(repo);
            Files.copy(SCRIPT, repo.resolve("lodestone"));
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            executable(bin.resolve("mvn"), "#!/bin/sh\necho \"mvn $* MAVEN_OPTS=$MAVEN_OPTS\" >> '" + tmp.resolve("mvn.log") + "'\n");
            Path jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
            executable(jdk.resolve("java"), "#!/bin/sh\ncase \"$1\" in -XshowSettings*) echo '    java.specification.version = 25' >&2;; *) echo \"java $*\";; esac\n");
            executable(jdk.resolve("javac"), "#!/bin/sh\n");
        }
        var command = new java.util.ArrayList<>(java.util.List.of("bash", repo.resolve("lodestone").toString()));
        command.addAll(java.util.List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().put("JAVA_HOME", tmp.resolve("jdk").toString());
        pb.environment().put("LODESTONE_JVM_DIR", tmp.resolve("none").toString());
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    static String mavenRuns(Path tmp) throws Exception {
        return Files.exists(tmp.resolve("mvn.log")) ? Files.readString(tmp.resolve("mvn.log")) : "";
    }

    @Test
    void helpListsEveryCommandAndUnknownOnesAreNamed(@TempDir Path tmp) throws Exception {
        for (String help : new String[]{"help", "--help", "-h"}) {
            var run = runFake(tmp, help);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("./lodestone run", "./lodestone build", "./lodestone bench", "./lodestone java-home");
        }
        var unknown = runFake(tmp, "deploy");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown command 'deploy'").contains("./lodestone run");
        assertThat(mavenRuns(tmp)).isEmpty();
    }

    /** '--help' or a stray argument never starts a build (a full build takes minutes). */
    @Test
    void commandsWithoutArgumentsRefuseThemInsteadOfBuilding(@TempDir Path tmp) throws Exception {
        var help = runFake(tmp, "build", "--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("./lodestone build");
        var stray = runFake(tmp, "image", "--fast");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.output()).contains("'image' takes no arguments (got '--fast')");
        var serverHelp = runFake(tmp, "run", "--help");
        assertThat(serverHelp.exit()).as(serverHelp.output()).isZero();
        assertThat(serverHelp.output()).contains("./lodestone run").contains("docs/operations.md#configuration");
        assertThat(mavenRuns(tmp)).as("no build was started").isEmpty();
    }

    /** On JDK 24+ Maven's own use of sun.misc.Unsafe prints four WARNING lines per run: the script allows it. */
    @Test
    void mavenRunsWithoutTheUnsafeWarningsOnNewJdks(@TempDir Path tmp) throws Exception {
        var build = runFake(tmp, "build");
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(mavenRuns(tmp)).contains("MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow");
    }

    static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        assertThat(file.toFile().setExecutable(true)).isTrue();
    }
}
