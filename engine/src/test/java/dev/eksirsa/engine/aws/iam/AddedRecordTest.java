package dev.eksirsa.engine.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tag format of what eks-irsa adds to a foreign role is part of the ownership contract. */
class AddedRecordTest {

    @Test
    void policyRecord_isAStableHashedKeyWithTheArnAsValue() {
        String arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

        var record = AddedRecord.policy(arn).orElseThrow();

        assertThat(record.getKey()).matches("eks-irsa:added-policy:[0-9a-f]{8}");
        assertThat(record.getValue()).isEqualTo(arn);
        assertThat(AddedRecord.policy(arn).orElseThrow().getKey()).isEqualTo(record.getKey());
        assertThat(AddedRecord.policy(arn + "2").orElseThrow().getKey()).isNotEqualTo(record.getKey());
        assertThat(AddedRecord.inline("describe").orElseThrow().getKey()).startsWith("eks-irsa:added-inline:");
    }

    @Test
    void valueLongerThanATagValue_isNotRecorded() {
        assertThat(AddedRecord.inline("p".repeat(256))).isPresent();
        assertThat(AddedRecord.inline("p".repeat(257))).isEmpty();
    }
}
