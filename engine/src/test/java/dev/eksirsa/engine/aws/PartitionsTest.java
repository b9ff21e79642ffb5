package dev.eksirsa.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void ofRegion_followsTheSdksRegionMetadata_includingRegionsItDoesNotListYet() {
        assertThat(Partitions.ofRegion("us-east-1")).isEqualTo("aws");
        assertThat(Partitions.ofRegion("cn-north-1")).isEqualTo("aws-cn");
        assertThat(Partitions.ofRegion("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(Partitions.ofRegion("eu-central-9")).isEqualTo("aws");
        assertThat(Partitions.ofRegion("cn-south-7")).isEqualTo("aws-cn");
    }

    @Test
    void ofArn_readsThePartition_andRefusesWhatIsNotAnArn() {
        assertThat(Partitions.ofArn("roleArn", "arn:aws-cn:iam::111122223333:role/r"))
                .isEqualTo("aws-cn");
        assertThat(Partitions.ofArn("policyArns", "arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .isEqualTo("aws");
        assertThatThrownBy(() -> Partitions.ofArn("policyArns", "not-an-arn"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid policyArns: must be an ARN");
    }
}
