package dev.eksirsa.sandbox.http;

/** One emulated AWS service behind the shared endpoint, chosen by the SigV4 signing name. */
public interface AwsService {

    /** The signing name in the credential scope: {@code iam}, {@code sts}, {@code ec2}, {@code eks}. */
    String signingName();

    /** The API action a request asks for, e.g. {@code CreateRole}; throws an {@link AwsError} for unknown ones. */
    String actionOf(AwsRequest request);

    AwsResponse handle(AwsCall call);

    AwsResponse renderError(AwsError error, String requestId);
}
