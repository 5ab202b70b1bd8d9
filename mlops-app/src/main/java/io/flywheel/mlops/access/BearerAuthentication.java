package io.flywheel.mlops.access;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one authentication mechanism of mlops-app. {@code Authorization: Bearer <token>}: Flywheel's own tokens (API
 * keys, the pod token, the bootstrap admin key) are checked by {@link ApiKeyIdentityProvider}; any other bearer token is
 * handed to quarkus-oidc (a JWT from the configured OpenID Connect provider, when its tenant is enabled). Both kinds
 * share the bearer header, which is why one mechanism decides instead of two competing for it. With access off, every
 * caller is the local admin.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerAuthentication.class);
    private static final String BEARER = "Bearer ";
    private static final SecurityIdentity LOCAL_ADMIN = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(Caller.LOCAL_ADMIN))
            .addRoles(RoleLadder.expand(Set.of(Roles.ADMIN))).build();

    private final AccessSettings settings;
    private final ApiKeyIdentityProvider keys;
    private final OidcAuthenticationMechanism oidc;

    public BearerAuthentication(AccessSettings settings, ApiKeyIdentityProvider keys, OidcAuthenticationMechanism oidc) {
        this.settings = settings;
        this.keys = keys;
        this.oidc = oidc;
    }

    void atStart(@Observes StartupEvent start) {
        if (!settings.enabled()) {
            LOG.warn("Access control is OFF (flywheel.access.enabled=false): every caller of mlops-app is treated as a "
                    + "local admin. Turn it on in every shared environment.");
        } else if (settings.bootstrapAdminKey().filter(key -> !key.isBlank()).isPresent()) {
            LOG.warn("A bootstrap admin key is configured (flywheel.access.bootstrap-admin-key): use it to create the "
                    + "first admin key, then remove it from the secret.");
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!settings.enabled()) {
            return Uni.createFrom().item(LOCAL_ADMIN);
        }
        String token = bearerToken(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        if (keys.recognises(token)) {
            return identities.authenticate(new ApiKeyCredential(token));
        }
        return oidc.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyCredential.class, TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
