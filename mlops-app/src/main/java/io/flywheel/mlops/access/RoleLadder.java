package io.flywheel.mlops.access;

import io.flywheel.shared.access.Role;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Gives every identity, whatever authenticated it (API key, OIDC token), each role below the ones it holds
 * ({@link Role#includes}), so an endpoint names only the least role that may call it. Admin also holds
 * {@link Roles#INFERENCE_POD}.
 */
@ApplicationScoped
public class RoleLadder implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> expanded = expand(identity.getRoles());
        if (expanded.equals(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(expanded).build());
    }

    /** The roles and every role they include. */
    public static Set<String> expand(Set<String> roles) {
        Set<String> expanded = new LinkedHashSet<>(roles);
        for (String name : roles) {
            Role held = Role.parse(name);
            if (held == null) {
                continue;
            }
            for (Role role : Role.values()) {
                if (held.includes(role)) {
                    expanded.add(role.label());
                }
            }
            if (held == Role.ADMIN) {
                expanded.add(Roles.INFERENCE_POD);
            }
        }
        return expanded;
    }
}
