package io.flywheel.mlops.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A local OpenID Connect provider as quarkus-oidc sees one: the discovery document and the JSON Web Key Set over HTTP,
 * and RS256 tokens signed with the key it publishes. The signing key reaches the test through the app's configuration
 * ({@value #SIGNING_KEY}), since test resources and tests may live in different class loaders.
 */
public class LocalOidcProvider implements QuarkusTestResourceLifecycleManager {

    static final String SIGNING_KEY = "test.oidc.signing-jwk";
    static final String ISSUER_KEY = "test.oidc.issuer";
    private static final int RSA_BITS = 2048;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(RSA_BITS);
            key.setKeyId("flywheel-test");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/flywheel";
            String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            server.createContext("/realms/flywheel/.well-known/openid-configuration", exchange -> json(exchange, discovery));
            server.createContext("/realms/flywheel/jwks", exchange -> json(exchange, jwks));
            server.start();
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", issuer,
                    "quarkus.oidc.client-id", "flywheel-mlops",
                    SIGNING_KEY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                    ISSUER_KEY, issuer);
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("cannot start the local OIDC provider", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token of this provider for a subject with roles in the {@code flywheel_roles} claim, valid for minutes. */
    static String token(String subject, List<String> roles, int expiresInMinutes) {
        var config = ConfigProvider.getConfig();
        try {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(config.getValue(SIGNING_KEY, String.class));
            return sign(key, config.getValue(ISSUER_KEY, String.class), subject, roles, expiresInMinutes);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same token signed by a key this provider never published. */
    static String tokenSignedByAStranger(String subject, List<String> roles) {
        try {
            RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(RSA_BITS);
            stranger.setKeyId("flywheel-test");
            return sign(stranger, ConfigProvider.getConfig().getValue(ISSUER_KEY, String.class), subject, roles, 5);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RsaJsonWebKey key, String issuer, String subject, List<String> roles,
                               int expiresInMinutes) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(expiresInMinutes);
        claims.setStringListClaim("flywheel_roles", roles);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
