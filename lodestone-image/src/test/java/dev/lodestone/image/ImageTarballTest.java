package dev.lodestone.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the OCI tarball that `mvn package` builds (target/lodestone-image.tar): its configuration (entrypoint, user,
 * ports, environment) and, by unpacking its layers and starting the entrypoint in a chroot as the image's user, that
 * the image really serves — the closest this machine gets to `docker run` without a container engine.
 */
class ImageTarballTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "image-test-admin-key-0123456789";

    @TempDir
    static Path unpacked;
    static JsonNode manifest;
    static JsonNode config;

    @BeforeAll
    static void unpackTarball() throws Exception {
        Path tarball = Path.of(System.getProperty("image.tarball", "target/lodestone-image.tar"));
        assertThat(tarball).as("the image tarball (built by `mvn package` in lodestone-image)").exists();
        run(List.of("tar", "-xf", tarball.toString(), "-C", unpacked.toString()));
        JsonNode index = readJson(unpacked.resolve("index.json"));
        manifest = readJson(blob(index.path("manifests").path(0).path("digest").asText()));
        config = readJson(blob(manifest.path("config").path("digest").asText()));
    }

    @Test
    void configurationRunsTheServerAsANonRootUserOnPort8080() {
        JsonNode container = config.path("config");
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(container.path("User").asText()).isEqualTo("65532:65532");
        assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(texts(container.path("Env"))).contains("HOST=0.0.0.0", "PORT=8080", "DATA_DIR=/data", "PATH=/opt/java/bin");
        assertThat(container.path("Volumes").has("/data")).isTrue();
        List<String> entrypoint = texts(container.path("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError", "dev.lodestone.server.Main");
    }

    @Test
    void layersHoldTheRuntimeTheClassPathAndWritableDataDirectories() throws Exception {
        List<String> listing = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            listing.addAll(run(List.of("tar", "-tvzf", blob(layer.path("digest").asText()).toString())).lines()
                    .filter(line -> !line.startsWith("tar: ")) // GNU tar's notes on Jib's extended headers
                    .toList());
        }
        assertThat(listing).anyMatch(line -> line.startsWith("-rwxr-xr-x") && line.endsWith(" opt/java/bin/java"));
        assertThat(listing).anyMatch(line -> line.endsWith(" app/jib-classpath-file"));
        assertThat(listing).anyMatch(line -> line.contains(" app/libs/lodestone-server-"));
        assertThat(listing).anyMatch(line -> line.endsWith(" lib64/ld-linux-x86-64.so.2"));
        assertThat(listing).anyMatch(line -> line.startsWith("drwxrwxrwx") && line.endsWith(" data/"));
        assertThat(listing).anyMatch(line -> line.startsWith("drwxrwxrwx") && line.endsWith(" tmp/"));
        assertThat(listing).anyMatch(line -> line.endsWith(" etc/passwd"));
        assertThat(listing).noneMatch(line -> line.contains("libawt_xawt"));
        assertThat(listing).as("nothing outside the image's own folders (e.g. the build machine's paths)")
                .allMatch(line -> line.split("\\s+")[5].matches("(app|data|etc|lib|lib64|opt|tmp|usr)(/.*)?"));
    }

    @Test
    void entrypointServesFromTheUnpackedLayersAsTheImagesUser(@TempDir Path rootfs) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "starting the image's file system needs root (unshare + chroot); CI runs as root");
        for (JsonNode layer : manifest.path("layers")) {
            run(List.of("tar", "-xzf", blob(layer.path("digest").asText()).toString(), "-C", rootfs.toString()));
        }
        Files.createDirectories(rootfs.resolve("proc"));
        // A container's root is world-readable; JUnit's temporary directory is not.
        Files.setPosixFilePermissions(rootfs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork",
                "sh", "-c", "mount -t proc proc \"$0/proc\" && exec \"$@\"", rootfs.toString(),
                "env", "-i"));
        command.addAll(texts(config.path("config").path("Env")).stream()
                .map(e -> e.startsWith("PORT=") ? "PORT=" + port : e).toList());
        command.addAll(List.of("API_KEY=" + ADMIN_KEY, "/usr/sbin/chroot", "--userspec=65532:65532", rootfs.toString()));
        command.addAll(texts(config.path("config").path("Entrypoint")));
        Path log = rootfs.resolve("server.log");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base, server, log);
            assertThat(send(http, request(base + "/health").build()).statusCode()).isEqualTo(200);
            var write = request(base + "/api/v1/entities")
                    .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"entity_id\":\"sku-1\",\"entity_type\":\"product\",\"attributes\":{\"category\":\"shoes\"}}"))
                    .build();
            assertThat(send(http, write).statusCode()).isBetween(200, 201);
            var withoutKey = request(base + "/api/v1/entities/sku-1").build();
            assertThat(send(http, withoutKey).statusCode()).as("off loopback the image's server needs a key").isEqualTo(401);

            // The health probe the Compose file uses, run inside the image as the image's user.
            List<String> probe = new ArrayList<>(List.of("unshare", "--mount", "--fork", "sh", "-c",
                    "mount -t proc proc \"$0/proc\" && exec \"$@\"", rootfs.toString(),
                    "env", "-i", "PATH=/opt/java/bin", "PORT=" + port, "/usr/sbin/chroot", "--userspec=65532:65532",
                    rootfs.toString(), "java", "-cp", "@/app/jib-classpath-file", "dev.lodestone.server.ops.HealthCheck", "/ready"));
            Process check = new ProcessBuilder(probe).redirectErrorStream(true).start();
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
        } finally {
            // SIGTERM to the server itself, as a container runtime sends it (a signal to unshare would not reach it).
            server.descendants().forEach(ProcessHandle::destroy);
            boolean stopped = server.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
            assertThat(stopped).as("the server stops on SIGTERM").isTrue();
        }
        Path database = rootfs.resolve("data/lodestone.db");
        assertThat(database).exists();
        assertThat(Files.getAttribute(database, "unix:uid")).as("written by the image's user, not root").isEqualTo(65532);
    }

    private static void awaitReady(HttpClient http, String base, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("server exited early:%n%s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            try {
                if (send(http, request(base + "/ready").build()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 90 s:\n" + Files.readString(log));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    }

    private static Path blob(String digest) {
        return unpacked.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s:%n%s", command, output).isZero();
        return output;
    }
}
