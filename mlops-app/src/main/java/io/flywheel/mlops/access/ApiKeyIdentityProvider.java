package io.flywheel.mlops.access;

import io.flywheel.shared.access.ApiKeys;
import io.flywheel.shared.access.Role;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks Flywheel's own bearer tokens: the configured bootstrap admin key and pod token first (compared by hash in
 * constant time), then the live API keys stored in {@code mlops.api_key} (looked up by SHA-256, never by the key).
 * A database that cannot answer makes the request a 503, not a 401: the key may well be valid.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);
    private static final String LOOKUP = "SELECT name, role FROM mlops.api_key WHERE hash = $1 AND revoked_at IS NULL";
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(5);

    private final Pool pool;
    private final Optional<byte[]> bootstrapHash;
    private final Optional<byte[]> podHash;

    public ApiKeyIdentityProvider(Pool pool, AccessSettings settings) {
        this.pool = pool;
        this.bootstrapHash = settings.bootstrapAdminKey().filter(key -> !key.isBlank()).map(ApiKeyIdentityProvider::digest);
        this.podHash = settings.podToken().filter(token -> !token.isBlank()).map(ApiKeyIdentityProvider::digest);
    }

    @Override
    public Class<ApiKeyCredential> getRequestType() {
        return ApiKeyCredential.class;
    }

    /** Whether the token is one this provider decides on (a key, or one of the configured tokens). */
    public boolean recognises(String token) {
        return ApiKeys.looksLikeKey(token) || matches(podHash, token) || matches(bootstrapHash, token);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyCredential credential, AuthenticationRequestContext context) {
        String token = credential.token();
        if (matches(bootstrapHash, token)) {
            return Uni.createFrom().item(identity(Caller.BOOTSTRAP_ADMIN, Roles.ADMIN));
        }
        if (matches(podHash, token)) {
            return Uni.createFrom().item(identity(Caller.INFERENCE_POD, Roles.INFERENCE_POD));
        }
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(ApiKeys.hash(token)))
                .onFailure().transform(failure -> {
                    LOG.warnf("cannot check an API key: the database does not answer (%s)", failure.getMessage());
                    return new ProblemException(ProblemType.UNAVAILABLE, "API keys cannot be checked right now")
                            .withRetryAfter(DATABASE_RETRY);
                })
                .map(rows -> identityOf(rows, token));
    }

    private static SecurityIdentity identityOf(RowSet<Row> rows, String token) {
        if (!rows.iterator().hasNext()) {
            LOG.infof("refused an unknown or revoked API key %s", Caller.redacted(token));
            throw new AuthenticationFailedException("the API key is unknown or revoked");
        }
        Row row = rows.iterator().next();
        Role role = Role.parse(row.getString("role"));
        return identity(Caller.ofKey(row.getString("name")), role.label());
    }

    private static SecurityIdentity identity(String name, String role) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name)).addRole(role);
        if (Roles.INFERENCE_POD.equals(role)) {
            builder.addRole(Roles.VIEWER);
        }
        return builder.build();
    }

    private static boolean matches(Optional<byte[]> expectedHash, String token) {
        return expectedHash.isPresent() && token != null && MessageDigest.isEqual(expectedHash.get(), digest(token));
    }

    private static byte[] digest(String secret) {
        return ApiKeys.hash(secret).getBytes(StandardCharsets.US_ASCII);
    }
}
