package dev.eksirsa.sandbox.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.http.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultNetworksTest {

    @Test
    void forAccount_isStableAndHasOneDefaultSubnetPerZone() {
        DefaultNetworks networks = new DefaultNetworks("us-east-1");
        DefaultNetwork network = networks.forAccount("111122223333");
        assertThat(networks.forAccount("111122223333")).isSameAs(network);
        assertThat(network.vpc().vpcId()).matches("vpc-[0-9a-f]{17}");
        assertThat(network.vpc().cidrBlock()).isEqualTo("172.31.0.0/16");
        assertThat(network.subnets()).hasSize(6).allMatch(Subnet::defaultForAz);
        assertThat(network.subnets())
                .extracting(Subnet::availabilityZone)
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f");
        assertThat(network.subnets().get(1).cidrBlock()).isEqualTo("172.31.16.0/20");
        assertThat(networks.forAccount("444455556666").vpc().vpcId())
                .isNotEqualTo(network.vpc().vpcId());
    }

    @Test
    void zoneIdPrefix_followsAwsShortNames() {
        assertThat(Regions.zoneIdPrefix("us-east-1")).isEqualTo("use1");
        assertThat(Regions.zoneIdPrefix("ap-southeast-2")).isEqualTo("apse2");
        assertThat(Regions.zoneIdPrefix("eu-central-1")).isEqualTo("euc1");
    }

    @Test
    void filters_parseIndexedNamesAndValues_andMatchGlobs() {
        String body =
                "Action=DescribeSubnets&Filter.1.Name=availability-zone&Filter.1.Value.1=us-east-1%3F&Filter.1.Value.2=x";
        AwsRequest request = AwsRequest.of(
                "POST",
                "/",
                null,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                body.getBytes(StandardCharsets.UTF_8));
        List<Ec2Filter> filters = Ec2Filter.parse(request);
        assertThat(filters).containsExactly(new Ec2Filter("availability-zone", List.of("us-east-1?", "x")));
        assertThat(filters.get(0).matches("us-east-1b")).isTrue();
        assertThat(filters.get(0).matches("us-east-2b")).isFalse();
    }
}
