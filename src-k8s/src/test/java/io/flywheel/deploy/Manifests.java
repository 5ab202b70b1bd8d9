package io.flywheel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** A multi-document YAML stream of Kubernetes resources, looked up by kind and name. */
record Manifests(List<JsonNode> resources) {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = new YAMLMapper();

    static Manifests parse(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> resources = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    resources.add(node);
                }
            });
            return new Manifests(List.copyOf(resources));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run ./mvnw package first)", e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(r.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in "
                + resources.stream().map(r -> r.path("kind").asText() + "/" + r.path("metadata").path("name").asText())
                .toList()));
    }

    /** The first container of a Deployment, StatefulSet or CronJob. */
    static JsonNode container(JsonNode workload) {
        JsonNode podSpec = "CronJob".equals(workload.path("kind").asText())
                ? workload.at("/spec/jobTemplate/spec/template/spec")
                : workload.at("/spec/template/spec");
        return podSpec.path("containers").get(0);
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
