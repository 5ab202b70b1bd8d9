package io.flywheel.mlops.keys;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/keys}. Limits left out (or 0) are unlimited.
 *
 * @param name                a unique name among live keys
 * @param role                viewer, operator, approver or admin
 * @param requestsPerSecond   sustained rate per inference pod
 * @param dailyTokenBudget    tokens per UTC day across all pods
 * @param maxTokensPerRequest the largest {@code max_tokens} a request may ask for
 */
public record KeyRequest(String name, String role,
                         @JsonProperty("requests_per_second") Double requestsPerSecond,
                         @JsonProperty("daily_token_budget") Long dailyTokenBudget,
                         @JsonProperty("max_tokens_per_request") Integer maxTokensPerRequest) {
}
