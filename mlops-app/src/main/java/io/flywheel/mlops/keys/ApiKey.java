package io.flywheel.mlops.keys;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An API key as stored: its hash, never the key. Revoking sets {@link #revokedAt}; rows are never deleted. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    /** The first characters of the key, so that an operator can tell keys apart in a list. */
    public String prefix;
    public String hash;
    public String role;
    @Column(name = "requests_per_second")
    public double requestsPerSecond;
    @Column(name = "daily_token_budget")
    public long dailyTokenBudget;
    @Column(name = "max_tokens_per_request")
    public int maxTokensPerRequest;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public boolean live() {
        return revokedAt == null;
    }
}
