package dev.countersign.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The local run's token issuer: an RSA key pair kept in the work directory (created once, reused so tokens
 * printed by an earlier run stay valid) and bearer tokens signed with it, carrying the {@code tenant} and
 * {@code groups} claims the services authorise with.
 */
public final class LocalJwt {
    /** The issuer every service is told to expect ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://countersign.dev";
    /** The audience every service is told to expect ({@code countersign.auth.audience}, the kit's default). */
    public static final String AUDIENCE = "countersign";
    static final String PRIVATE_KEY_FILE = "private-key.pem";
    static final String PUBLIC_KEY_FILE = "public-key.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private LocalJwt(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Reads the key pair from {@code dir}, or generates and writes one there if it has none. */
    public static LocalJwt loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
                PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
                return new LocalJwt(priv, pub, publicFile);
            }
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            return new LocalJwt(pair.getPrivate(), pair.getPublic(), publicFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new LocalStackException("could not read or create the token signing keys in " + dir
                    + " (delete the directory to start over): " + e.getMessage(), e);
        }
    }

    /** The PEM file services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A token for {@code subject} of {@code tenant} in {@code groups}. */
    public String token(String subject, String tenant, Duration validity, String... groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of(groups));
        if (tenant != null) {
            claims.setClaim("tenant", tenant);
        }
        long now = System.currentTimeMillis() / 1000;
        claims.setClaim("iat", now);
        claims.setClaim("exp", now + validity.toSeconds());
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    /** The tokens of the local run, for tenant {@code tenant}. */
    public Tokens issue(String tenant, Duration validity) {
        return new Tokens(tenant,
                token(Tokens.adminSubject(tenant), tenant, validity, Tokens.ADMIN_GROUP),
                token(Tokens.approverSubject(tenant), tenant, validity, Tokens.APPROVER_GROUP),
                token(Tokens.financeSubject(tenant), tenant, validity, Tokens.FINANCE_GROUP),
                token(Tokens.userSubject(tenant), tenant, validity),
                token(Tokens.submitterSubject(tenant), tenant, validity, Tokens.SUBMITTER_GROUP),
                token(Tokens.auditorSubject(tenant), tenant, validity, Tokens.AUDITOR_GROUP),
                // the credential services use for each other's internal endpoints (the executor -> registry)
                token("countersign-executor", "*", validity, Tokens.SERVICE_GROUP));
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
    }
}
