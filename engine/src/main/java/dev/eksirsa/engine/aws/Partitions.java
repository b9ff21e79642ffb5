package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.InvalidInputException;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** Partitions as the SDK knows them: a region's from its metadata, an ARN's from the SDK's ARN parser. */
public final class Partitions {
    private Partitions() {}

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}, …; a region the SDK does not list yet by its name's pattern. */
    public static String ofRegion(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    /** The account an ARN names (empty for AWS-managed resources such as {@code arn:aws:iam::aws:policy/x}). */
    public static String accountOf(String field, String arn) {
        return parse(field, arn).accountId().orElse("");
    }

    /** The ARN parsed by the SDK; a value that is not an ARN is bad input for {@code field}. */
    public static Arn parse(String field, String arn) {
        try {
            return Arn.fromString(arn);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an ARN (arn:partition:service:region:account:resource)");
        }
    }

    /** The partition an ARN names; a value that is not an ARN is bad input for {@code field}. */
    public static String ofArn(String field, String arn) {
        return parse(field, arn).partition();
    }
}
