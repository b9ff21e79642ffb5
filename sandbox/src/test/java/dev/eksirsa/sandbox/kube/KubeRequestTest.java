package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class KubeRequestTest {

    @Test
    void namespacedObjectAndSubresource() {
        KubeRequest request = KubeRequest.parse("POST", "/api/v1/namespaces/ns/serviceaccounts/app/token");
        assertThat(request.action()).isEqualTo("create serviceaccounts/token");
        assertThat(request.target()).isEqualTo("ns/app");
        assertThat(request.isTokenRequest()).isTrue();
        assertThat(request.mutating()).isFalse();
    }

    @Test
    void readsAreNotMutatingAndWritesAre() {
        assertThat(KubeRequest.parse("GET", "/apis/apps/v1/namespaces/ns/deployments/web")
                        .action())
                .isEqualTo("get deployments");
        assertThat(KubeRequest.parse("GET", "/apis/apps/v1/namespaces/ns/deployments")
                        .action())
                .isEqualTo("list deployments");
        KubeRequest watch = KubeRequest.parse(
                "GET", "/apis/apps/v1/namespaces/ns/deployments?watch=true&fieldSelector=metadata.name%3Dweb");
        assertThat(watch.action()).isEqualTo("watch deployments");
        assertThat(watch.mutating()).isFalse();
        assertThat(KubeRequest.parse("PATCH", "/api/v1/namespaces/ns/serviceaccounts/app")
                        .action())
                .isEqualTo("patch serviceaccounts");
        assertThat(KubeRequest.parse("PATCH", "/api/v1/namespaces/ns/serviceaccounts/app")
                        .mutating())
                .isTrue();
        assertThat(KubeRequest.parse("PUT", "/apis/apps/v1/namespaces/ns/deployments/web/status")
                        .action())
                .isEqualTo("update deployments/status");
        assertThat(KubeRequest.parse("DELETE", "/api/v1/namespaces/ns/pods").action())
                .isEqualTo("deletecollection pods");
        assertThat(KubeRequest.parse("DELETE", "/api/v1/namespaces/ns/pods/p").mutating())
                .isTrue();
    }

    @Test
    void clusterScopedTargets() {
        KubeRequest namespace = KubeRequest.parse("DELETE", "/api/v1/namespaces/old");
        assertThat(namespace.resource()).isEqualTo("namespaces");
        assertThat(namespace.target()).isEqualTo("old");
        KubeRequest binding = KubeRequest.parse("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
        assertThat(binding.groupVersion()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(binding.target()).isEqualTo("/");
    }

    @Test
    void nonResourcePaths() {
        KubeRequest version = KubeRequest.parse("GET", "/version");
        assertThat(version.isResourceRequest()).isFalse();
        assertThat(version.mutating()).isFalse();
        assertThat(version.action()).isEqualTo("get /version");
    }
}
