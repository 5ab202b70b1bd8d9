package io.flywheel.mlops.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.assistant.AssistantConfigValidator;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.tabular.ArtifactCodec;
import java.nio.BufferUnderflowException;
import java.util.List;

/**
 * Reads artifact bytes with the reader of their kind before they are registered, so that the registry never holds a
 * version an inference pod could not load. The readers are shared-model's, the same the pods use.
 */
final class ArtifactFormats {

    private ArtifactFormats() {
    }

    /** Returns quietly when the bytes are a readable artifact of the kind, else a 422 naming what is wrong. */
    static void check(ModelKind kind, byte[] bytes) {
        switch (kind) {
            case TABULAR_CLASSIFIER -> ArtifactCodec.read(bytes);
            case RAG_INDEX -> {
                try {
                    RagIndexCodec.read(bytes);
                } catch (IllegalArgumentException | BufferUnderflowException e) {
                    throw invalid("not a readable rag-index artifact: " + (e.getMessage() == null
                            ? "it ends too early" : e.getMessage()));
                }
            }
            case ASSISTANT_CONFIG -> {
                List<Problem.FieldError> errors;
                try {
                    errors = AssistantConfigValidator.withDefaultProviders().validate(AssistantConfigCodec.read(bytes));
                } catch (JsonProcessingException e) {
                    throw invalid("not a readable assistant-config artifact: " + e.getOriginalMessage());
                }
                if (!errors.isEmpty()) {
                    throw new ProblemException(ProblemType.INVALID_ARTIFACT, "not a valid assistant configuration: "
                            + errors.size() + " problem(s)", errors);
                }
            }
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_ARTIFACT, detail);
    }
}
