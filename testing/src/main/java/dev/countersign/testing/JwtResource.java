package dev.countersign.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Makes a {@code @QuarkusTest} verify bearer tokens made by {@link TestJwt}. */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("mp.jwt.verify.publickey", TestJwt.publicKeyPem(), "mp.jwt.verify.issuer", TestJwt.ISSUER);
    }

    @Override
    public void stop() {
        // nothing to release
    }
}
