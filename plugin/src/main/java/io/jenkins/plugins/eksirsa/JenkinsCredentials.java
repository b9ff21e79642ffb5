package io.jenkins.plugins.eksirsa;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import dev.eksirsa.engine.aws.StoredCredentials;
import hudson.AbortException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Jenkins credentials as the engine's {@link StoredCredentials}: aws-credentials (with its role to assume, which
 * the engine assumes where the step runs, through the step's endpoint), any other AWS credentials provider's
 * resolved keys, or username/password as access key id and secret access key.
 */
final class JenkinsCredentials {
    private JenkinsCredentials() {}

    static StoredCredentials of(String field, String id, StandardCredentials credentials) throws AbortException {
        if (credentials instanceof AWSCredentialsImpl aws) {
            if (aws.requiresToken()) {
                throw new AbortException("invalid " + field + ": credentials " + id
                        + " need an MFA token, which an unattended build cannot give");
            }
            return new StoredCredentials(
                    aws.getAccessKey(),
                    aws.getSecretKey().getPlainText(),
                    null,
                    blankToNull(aws.getIamRoleArn()),
                    blankToNull(aws.getIamExternalId()));
        }
        if (credentials instanceof AmazonWebServicesCredentials provider) {
            AwsCredentials resolved = provider.resolveCredentials();
            return StoredCredentials.keys(
                    resolved.accessKeyId(),
                    resolved.secretAccessKey(),
                    resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null);
        }
        if (credentials instanceof StandardUsernamePasswordCredentials keys) {
            return StoredCredentials.keys(keys.getUsername(), keys.getPassword().getPlainText(), null);
        }
        throw new AbortException("invalid " + field + ": credentials " + id
                + " are not AWS credentials (use the AWS Credentials kind, or username/password as access key id"
                + " and secret access key)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
