package io.flywheel.mlops.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A key as listed: everything but the secret and its hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, String name, String prefix, String role,
                      @JsonProperty("requests_per_second") double requestsPerSecond,
                      @JsonProperty("daily_token_budget") long dailyTokenBudget,
                      @JsonProperty("max_tokens_per_request") int maxTokensPerRequest,
                      @JsonProperty("created_at") OffsetDateTime createdAt,
                      @JsonProperty("revoked_at") OffsetDateTime revokedAt) {

    static KeyView of(ApiKey key) {
        return new KeyView(key.id, key.name, key.prefix, key.role, key.requestsPerSecond, key.dailyTokenBudget,
                key.maxTokensPerRequest, key.createdAt, key.revokedAt);
    }
}
