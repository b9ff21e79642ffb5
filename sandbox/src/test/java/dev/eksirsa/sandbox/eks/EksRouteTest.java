package dev.eksirsa.sandbox.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.sandbox.http.AwsError;
import org.junit.jupiter.api.Test;

class EksRouteTest {

    @Test
    void parse_clusterPaths_nameActionsByMethod() {
        assertThat(EksRoute.parse("POST", "/clusters").action()).isEqualTo("CreateCluster");
        assertThat(EksRoute.parse("GET", "/clusters").action()).isEqualTo("ListClusters");
        EksRoute describe = EksRoute.parse("GET", "/clusters/demo");
        assertThat(describe.action()).isEqualTo("DescribeCluster");
        assertThat(describe.clusterName()).isEqualTo("demo");
        assertThat(EksRoute.parse("DELETE", "/clusters/demo/node-groups/ng-1").nodegroupName())
                .isEqualTo("ng-1");
    }

    @Test
    void parse_encodedPrincipalArn_decodesTheWholeLabel() {
        EksRoute route = EksRoute.parse(
                "POST",
                "/clusters/demo/access-entries/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fteam%2Fci%2Bbot/access-policies");
        assertThat(route.action()).isEqualTo("AssociateAccessPolicy");
        assertThat(route.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/team/ci+bot");
    }

    @Test
    void parse_unencodedSlashesInLabels_stillSplitsPrincipalAndPolicy() {
        EksRoute route = EksRoute.parse(
                "DELETE",
                "/clusters/demo/access-entries/arn:aws:iam::111122223333:role/ci/access-policies/"
                        + "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
        assertThat(route.action()).isEqualTo("DisassociateAccessPolicy");
        assertThat(route.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/ci");
        assertThat(route.policyArn()).isEqualTo("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
    }

    @Test
    void parse_unknownPathOrMethod_isAnAwsError() {
        assertThatThrownBy(() -> EksRoute.parse("PUT", "/clusters/demo")).isInstanceOf(AwsError.class);
        assertThatThrownBy(() -> EksRoute.parse("GET", "/nothing")).isInstanceOf(AwsError.class);
    }
}
