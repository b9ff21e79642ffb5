package dev.eksirsa.sandbox.kube;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.account.CredentialStore;
import java.lang.reflect.Field;
import java.time.Clock;

/**
 * Attaches a {@link KubeApiServers} to a running sandbox's EKS, as Sandbox.java will once it wires the Kubernetes
 * side itself. Until then the sandbox exposes no credential store, so it is read reflectively here, in tests only.
 * TODO remove when Sandbox constructs KubeApiServers and registers it with {@code eks.clusters()}.
 */
final class SandboxKubeWiring {
    private SandboxKubeWiring() {}

    static KubeApiServers attach(Sandbox sandbox) {
        try {
            Field field = Sandbox.class.getDeclaredField("credentials");
            field.setAccessible(true);
            CredentialStore credentials = (CredentialStore) field.get(sandbox);
            KubeApiServers servers = new KubeApiServers(sandbox.certificateAuthority(), sandbox.calls(),
                    new EksTokenAuthenticator(credentials, Clock.systemUTC()), Clock.systemUTC());
            sandbox.eks().clusters().addListener(servers);
            return servers;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Sandbox no longer has the expected credentials field", e);
        }
    }
}
