package io.flywheel.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs src-k8s/tools/validate-manifests.mjs (Kubernetes OpenAPI schemas plus strict fields) on rendered YAML. */
final class SchemaValidator {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private SchemaValidator() {
    }

    static Command validate(String label, List<Path> manifests) {
        List<String> command = new ArrayList<>(List.of("node",
                Repository.SRC_K8S.resolve("tools/validate-manifests.mjs").toString(),
                Repository.work("schema-check/" + label).toString()));
        manifests.forEach(path -> command.add(path.toString()));
        return Command.run(DEADLINE, command);
    }
}
