package io.flywheel.mlops.rag;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.flywheel.shared.retrieval.EmbeddingModelId;
import io.flywheel.shared.retrieval.TextEmbedder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The in-process all-MiniLM-L6-v2 model of mlops-app — the same one inference pods embed questions with — used to
 * embed passages (reindex) and golden questions (evaluation). Loaded on first use (about two seconds), always from a
 * job or worker thread, never the event loop; the model is thread-safe.
 */
@ApplicationScoped
public class PassageEmbedder implements TextEmbedder {

    private volatile EmbeddingModel model;

    /** The id recorded in every index this app builds. */
    public EmbeddingModelId id() {
        return EmbeddingModelId.ALL_MINILM_L6_V2;
    }

    @Override
    public float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2EmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
