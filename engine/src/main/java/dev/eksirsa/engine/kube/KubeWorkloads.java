package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.ProgressListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * One cluster's Kubernetes side for the role step: annotating service accounts and restarting the workloads that
 * use them. Keeps fabric8's client inside {@code engine.kube}; closing it closes the client.
 */
public final class KubeWorkloads implements AutoCloseable {
    private final KubernetesClient client;

    private KubeWorkloads(KubernetesClient client) {
        this.client = client;
    }

    public static KubeWorkloads of(KubernetesClient client) {
        return new KubeWorkloads(client);
    }

    public ServiceAccountBinder serviceAccounts(ProgressListener progress) {
        return new ServiceAccountBinder(client, progress);
    }

    public WorkloadRestarter workloads(ProgressListener progress, Clock clock) {
        return new WorkloadRestarter(client, progress, clock);
    }

    @Override
    public void close() {
        client.close();
    }
}
