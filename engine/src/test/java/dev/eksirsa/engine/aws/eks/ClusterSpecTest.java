package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.DesiredState;
import dev.eksirsa.engine.cluster.NodegroupSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    @Test
    void existing_defaults_arePresentWithoutCreate() {
        ClusterSpec spec = ClusterSpec.existing("demo");

        assertThat(spec.state()).isEqualTo(DesiredState.PRESENT);
        assertThat(spec.create()).isFalse();
        assertThat(spec.endpointPublicAccess()).isTrue();
        assertThat(spec.pollInterval()).isEqualTo(ClusterSpec.DEFAULT_POLL);
    }

    @Test
    void build_badInputs_nameTheField() {
        assertField("name", () -> ClusterSpec.existing("bad name"));
        assertField(
                "kubernetesVersion",
                () -> ClusterSpec.builder("a").kubernetesVersion("v1.31").build());
        assertField(
                "subnetIds",
                () -> ClusterSpec.builder("a").subnetIds(List.of("subnet-1")).build());
        assertField("subnetIds", () -> ClusterSpec.builder("a")
                .subnetIds(List.of("subnet-0123abcd"))
                .build());
        assertField(
                "securityGroupIds",
                () -> ClusterSpec.builder("a").securityGroupIds(List.of("sg-x")).build());
        assertField("clusterRoleArn", () -> ClusterSpec.builder("a")
                .clusterRoleArn("arn:aws:iam::1:role/x")
                .build());
        assertField("accessPrincipalArns", () -> ClusterSpec.builder("a")
                .accessPrincipalArns(List.of("arn:aws:iam::111122223333:group/g"))
                .build());
        assertField(
                "tags",
                () -> ClusterSpec.builder("a").tags(Map.of("managed-by", "me")).build());
        assertField(
                "tags",
                () -> ClusterSpec.builder("a").tags(Map.of("aws:x", "me")).build());
        assertField(
                "endpointPublicAccess",
                () -> ClusterSpec.builder("a").endpointPublicAccess(false).build());
        assertField("timeout", () -> ClusterSpec.builder("a")
                .pollInterval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(1))
                .build());
        assertField("state", () -> DesiredState.parse("gone"));
    }

    @Test
    void nodegroup_badSizes_nameTheField() {
        assertField("minSize", () -> new NodegroupSpec("ng", List.of(), -1, 1, 2, null));
        assertField("maxSize", () -> new NodegroupSpec("ng", List.of(), 0, 0, 0, null));
        assertField("minSize", () -> new NodegroupSpec("ng", List.of(), 3, 3, 2, null));
        assertField("desiredSize", () -> new NodegroupSpec("ng", List.of(), 1, 5, 3, null));
        assertField("instanceTypes", () -> new NodegroupSpec("ng", List.of("large"), 1, 1, 1, null));
        assertField("nodeRoleArn", () -> new NodegroupSpec("ng", List.of(), 1, 1, 1, "arn:aws:iam::x:role/r"));
    }

    @Test
    void checkPartition_arnOfOtherPartition_isRejected() {
        ClusterSpec spec = ClusterSpec.builder("a")
                .clusterRoleArn("arn:aws-cn:iam::111122223333:role/r")
                .build();

        assertThatThrownBy(() -> ClusterReconciler.checkPartition(spec, "aws"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("clusterRoleArn"));
    }

    private static void assertField(String field, Supplier<?> build) {
        assertThatThrownBy(build::get).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                .isEqualTo(field));
    }
}
