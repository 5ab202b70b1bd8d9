package io.flywheel.shared.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an API key grants, as mlops-app publishes it to inference pods: never the key, only its hash.
 *
 * @param id                   the key's id (stable; quotas are counted against it)
 * @param name                 a human name
 * @param hash                 {@link ApiKeys#hash} of the secret
 * @param role                 what the key may do
 * @param requestsPerSecond    sustained request rate (token bucket, per pod); 0 means unlimited
 * @param dailyTokenBudget     tokens per UTC day across all pods; 0 means unlimited
 * @param maxTokensPerRequest  the largest {@code max_tokens} one request may ask for; 0 means unlimited
 */
public record KeyGrant(String id, String name, String hash, Role role,
                       @JsonProperty("requests_per_second") double requestsPerSecond,
                       @JsonProperty("daily_token_budget") long dailyTokenBudget,
                       @JsonProperty("max_tokens_per_request") int maxTokensPerRequest) {
}
