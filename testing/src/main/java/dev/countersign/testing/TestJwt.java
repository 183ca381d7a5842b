package dev.countersign.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** A per-JVM RSA key pair and tokens signed with it, with the {@code tenant} and {@code groups} claims. */
public final class TestJwt {
    public static final String ISSUER = "https://countersign.dev/test";
    /** The audience every service expects in tests (the kit's default, {@code countersign.auth.audience}). */
    public static final String AUDIENCE = "countersign";
    private static final KeyPair KEYS = generate();

    private TestJwt() {
    }

    /** The public key as PEM, for {@code mp.jwt.verify.publickey}. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A token for {@code subject} of {@code tenant} in {@code groups}, valid for an hour. */
    public static String token(String subject, String tenant, String... groups) {
        return builder(subject, tenant, groups).sign(KEYS.getPrivate());
    }

    /** Like {@link #token} but for another deployment's audience: every service must refuse it. */
    public static String tokenForAudience(String audience, String subject, String tenant, String... groups) {
        return builder(subject, tenant, groups).audience(audience).sign(KEYS.getPrivate());
    }

    /**
     * Like {@link #token} but signed HS256 with {@code secret} (e.g. the service's public key text, the classic
     * algorithm-confusion attack): every service must refuse it, whatever its claims.
     */
    public static String hs256(String secret, String subject, String tenant, String... groups) {
        return builder(subject, tenant, groups).signWithSecret(secret);
    }

    /** A {@code countersign-auditor} of {@code tenant}. */
    public static String auditor(String tenant) {
        return token("auditor@" + tenant, tenant, "countersign-auditor");
    }

    /** An {@code approver} of {@code tenant}. */
    public static String approver(String tenant) {
        return token("approver@" + tenant, tenant, "approver");
    }

    /** A {@code countersign-submitter} of {@code tenant}. */
    public static String submitter(String tenant) {
        return token("submitter@" + tenant, tenant, "countersign-submitter");
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder builder(String subject, String tenant, String... groups) {
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1));
        if (tenant != null) {
            builder.claim("tenant", tenant);
        }
        return builder;
    }

    /** A countersign-admin of {@code tenant}. */
    public static String admin(String tenant) {
        return token("admin@" + tenant, tenant, "countersign-admin");
    }

    /** A plain member of {@code tenant}, no groups. */
    public static String member(String tenant) {
        return token("member@" + tenant, tenant);
    }

    /** The credential other services use for internal endpoints. */
    public static String service() {
        return token("countersign-executor", "*", "countersign-service");
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
