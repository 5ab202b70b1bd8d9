package io.flywheel.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.golden.GoldenItem;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.shared.validation.ValidationSuite;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reflection configuration shipped for native images must name every type Jackson binds when it reads an
 * artifact, a suite, an assistant configuration or a golden item: it is checked here against the types those records actually reach.
 */
class NativeReflectionConfigTest {

    @Test
    void everyTypeReachableFromTheArtifactAndTheSuiteIsRegistered() throws IOException {
        Set<String> registered = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/native-image/io.flywheel/shared-model/reflect-config.json")) {
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.path("name").asText());
                assertThat(Class.forName(entry.path("name").asText(), false, getClass().getClassLoader())).isNotNull();
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("a registered class does not exist", e);
        }

        assertThat(registered).containsAll(reachable(TabularModelArtifact.class, ValidationSuite.class,
                AssistantConfig.class, GoldenItem.class));
    }

    /** Flywheel types reachable through record components, their generic arguments and sealed subtypes. */
    private static Set<String> reachable(Class<?>... roots) {
        Set<String> seen = new HashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>(java.util.List.of(roots));
        while (!queue.isEmpty()) {
            Class<?> type = queue.pop();
            if (!type.getName().startsWith("io.flywheel.") || !seen.add(type.getName())) {
                continue;
            }
            if (type.isSealed()) {
                queue.addAll(java.util.List.of(type.getPermittedSubclasses()));
            }
            if (type.isRecord()) {
                for (var component : type.getRecordComponents()) {
                    queue.add(component.getType());
                    if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType generic) {
                        for (var argument : generic.getActualTypeArguments()) {
                            if (argument instanceof Class<?> cls) {
                                queue.add(cls);
                            }
                        }
                    }
                }
            }
        }
        return seen;
    }
}
