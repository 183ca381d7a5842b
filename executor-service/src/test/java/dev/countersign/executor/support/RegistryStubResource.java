package dev.countersign.executor.support;

import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link RegistryStub}, points {@code countersign.registry.*} at it with a service token, and injects
 * it into the test's {@code RegistryStub} field.
 */
public class RegistryStubResource implements QuarkusTestResourceLifecycleManager {
    private RegistryStub stub;

    @Override
    public Map<String, String> start() {
        String token = TestJwt.service();
        stub = new RegistryStub(token);
        return Map.of("countersign.registry.url", stub.url(), "countersign.registry.token", token);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub, new TestInjector.MatchesType(RegistryStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
