package dev.eksirsa.engine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The service roles' names are part of the ownership contract: teardown finds them by name. */
class ServiceRoleNamesTest {

    @Test
    void roleName_upTo64Characters_isKeptWhole_longerIsCutWithAStableHash() {
        String exactly64 = "c".repeat(64 - "eks-irsa--cluster".length());
        assertThat(ServiceRoleReconciler.roleName(exactly64, "cluster"))
                .hasSize(64)
                .endsWith("-cluster");

        String longer = ServiceRoleReconciler.roleName(exactly64 + "x", "cluster");
        assertThat(longer).hasSize(64).matches(".*-[0-9a-f]{8}");
        assertThat(ServiceRoleReconciler.roleName(exactly64 + "x", "cluster")).isEqualTo(longer);
        assertThat(ServiceRoleReconciler.roleName(exactly64 + "y", "cluster")).isNotEqualTo(longer);
    }

    @Test
    void serviceTrust_ofEks_isBoundToTheAccount_ofEc2_isNot() {
        assertThat(ServiceRoleReconciler.serviceTrust("eks.amazonaws.com", "111122223333"))
                .contains("\"aws:SourceAccount\":\"111122223333\"")
                .contains("\"Sid\":\"EksIrsaService\"");
        assertThat(ServiceRoleReconciler.serviceTrust("ec2.amazonaws.com", "111122223333"))
                .doesNotContain("SourceAccount");
    }
}
