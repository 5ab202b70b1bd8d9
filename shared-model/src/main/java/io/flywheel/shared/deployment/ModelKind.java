package io.flywheel.shared.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The three kinds of versioned model the registry holds and inference serves, named as they appear in the registry
 * API and in {@link ModelDeployment#kind()}.
 */
public enum ModelKind {
    /** A trained tabular model with its feature schema and reference statistics, served by {@code /v2/models}. */
    TABULAR_CLASSIFIER("tabular-classifier"),
    /** Chunked documents with their embeddings, searched by the assistant. */
    RAG_INDEX("rag-index"),
    /** The assistant's prompts, routing, limits and safety thresholds, served by {@code /v1/chat/completions}. */
    ASSISTANT_CONFIG("assistant-config");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The kind a label names, or {@code null} when it names none. */
    @JsonCreator
    public static ModelKind parse(String label) {
        for (ModelKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return null;
    }

    /** The labels, for messages that say what is accepted. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(ModelKind::label).toList());
    }
}
