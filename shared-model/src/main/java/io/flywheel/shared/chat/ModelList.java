package io.flywheel.shared.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code GET /v1/models}: the assistants (assistant-config models) this gateway serves. */
public record ModelList(String object, List<Model> data) {

    public static ModelList of(List<Model> models) {
        return new ModelList("list", models);
    }

    /** One assistant, as OpenAI describes a model; {@code version} is the served assistant-config version. */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
                        String version) {
    }
}
