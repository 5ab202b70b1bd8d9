package io.flywheel.deploy;

import java.nio.file.Path;

/** Where the checked-out repository and this module live, as the build passes them to the tests. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("flywheel.root", "..")).toAbsolutePath().normalize();
    static final Path SRC_K8S = ROOT.resolve("src-k8s");

    private Repository() {
    }

    static Path generatedManifests(String app) {
        return ROOT.resolve(app).resolve("target/kubernetes/kubernetes.yml");
    }

    static Path packagedJar(String app) {
        return ROOT.resolve(app).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static Path work(String name) {
        return SRC_K8S.resolve("target").resolve(name);
    }
}
