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
        var builder = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1));
        if (tenant != null) {
            builder.claim("tenant", tenant);
        }
        return builder.sign(KEYS.getPrivate());
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
