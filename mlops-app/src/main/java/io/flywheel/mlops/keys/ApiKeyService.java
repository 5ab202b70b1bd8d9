package io.flywheel.mlops.keys;

import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.shared.access.ApiKeys;
import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.access.Role;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates, lists and revokes API keys; publishes the live ones (hashes and limits) to inference pods. */
@ApplicationScoped
public class ApiKeyService {

    static final int SECRET_BYTES = 32;
    static final int PREFIX_CHARS = 8;
    static final double MAX_RPS = 100_000;
    static final long MAX_DAILY_TOKENS = 10_000_000_000L;
    static final int MAX_TOKENS_PER_REQUEST = 1_000_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,99}");

    private final SecureRandom random = new SecureRandom();

    private final AuditLog audit;

    public ApiKeyService(AuditLog audit) {
        this.audit = audit;
    }

    /** Creates a key for the actor (audited); the secret is in this one answer. */
    @WithTransaction
    public Uni<CreatedKey> create(KeyRequest request, String actor) {
        validate(request);
        return ApiKey.count("name = ?1 and revokedAt is null", request.name()).chain(live -> {
            if (live > 0) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                        "a live key named '" + request.name() + "' exists; revoke it first or choose another name"));
            }
            String secret = newSecret();
            ApiKey key = new ApiKey();
            key.id = UUID.randomUUID();
            key.name = request.name();
            key.prefix = secret.substring(0, ApiKeys.PREFIX.length() + PREFIX_CHARS);
            key.hash = ApiKeys.hash(secret);
            key.role = Role.parse(request.role()).label();
            key.requestsPerSecond = request.requestsPerSecond() == null ? 0 : request.requestsPerSecond();
            key.dailyTokenBudget = request.dailyTokenBudget() == null ? 0 : request.dailyTokenBudget();
            key.maxTokensPerRequest = request.maxTokensPerRequest() == null ? 0 : request.maxTokensPerRequest();
            key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return key.<ApiKey>persist()
                    .call(saved -> audit.append(new AuditRecord(actor, "api", "key.create", "key:" + saved.id,
                            null, null, "succeeded", Map.of("name", saved.name, "role", saved.role,
                            "prefix", saved.prefix))))
                    .map(saved -> new CreatedKey(secret, KeyView.of(saved)));
        });
    }

    @WithSession
    public Uni<List<KeyView>> list() {
        return ApiKey.<ApiKey>list("order by createdAt").map(keys -> keys.stream().map(KeyView::of).toList());
    }

    /** Revokes the key (audited); revoking a revoked key changes nothing. */
    @WithTransaction
    public Uni<KeyView> revoke(UUID id, String actor) {
        return ApiKey.<ApiKey>findById(id).chain(key -> {
            if (key == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.NOT_FOUND, "no key " + id));
            }
            if (!key.live()) {
                return Uni.createFrom().item(KeyView.of(key));
            }
            key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return audit.append(new AuditRecord(actor, "api", "key.revoke", "key:" + key.id, null, null, "succeeded",
                    Map.of("name", key.name))).replaceWith(KeyView.of(key));
        });
    }

    /** The live keys as inference pods need them, and a version tag that changes with every creation or revocation. */
    @WithSession
    public Uni<Published> published() {
        return ApiKey.<ApiKey>list("order by createdAt").map(keys -> {
            List<KeyGrant> grants = new ArrayList<>();
            long revoked = 0;
            for (ApiKey key : keys) {
                if (key.live()) {
                    grants.add(new KeyGrant(key.id.toString(), key.name, key.hash.trim(), Role.parse(key.role),
                            key.requestsPerSecond, key.dailyTokenBudget, key.maxTokensPerRequest));
                } else {
                    revoked++;
                }
            }
            // keys are never deleted, so (all keys, revoked keys) changes whenever the live set does
            return new Published(grants, "\"keys-" + keys.size() + "-" + revoked + "\"");
        });
    }

    /** The live keys and their ETag. */
    public record Published(List<KeyGrant> grants, String etag) {
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return ApiKeys.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void validate(KeyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON body is required");
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            errors.add(new FieldError("name", "1 to 100 letters, digits, spaces, '.', '_' or '-'"));
        }
        if (Role.parse(request.role()) == null) {
            errors.add(new FieldError("role", "must be one of viewer, operator, approver, admin"));
        }
        if (request.requestsPerSecond() != null
                && (request.requestsPerSecond() < 0 || request.requestsPerSecond() > MAX_RPS)) {
            errors.add(new FieldError("requests_per_second", "must be between 0 (unlimited) and " + (long) MAX_RPS));
        }
        if (request.dailyTokenBudget() != null
                && (request.dailyTokenBudget() < 0 || request.dailyTokenBudget() > MAX_DAILY_TOKENS)) {
            errors.add(new FieldError("daily_token_budget", "must be between 0 (unlimited) and " + MAX_DAILY_TOKENS));
        }
        if (request.maxTokensPerRequest() != null
                && (request.maxTokensPerRequest() < 0 || request.maxTokensPerRequest() > MAX_TOKENS_PER_REQUEST)) {
            errors.add(new FieldError("max_tokens_per_request", "must be between 0 (unlimited) and "
                    + MAX_TOKENS_PER_REQUEST));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, errors.size() + " field(s) are invalid", errors);
        }
    }
}
