package dev.eksirsa.sandbox;

/** An account of the sandbox and its administrator's long-term key (an IAM user with AdministratorAccess). */
public record SandboxAccount(String accountId, String accessKeyId, String secretAccessKey, String arn) {

    @Override
    public String toString() {
        return "SandboxAccount[accountId=" + accountId + ", accessKeyId=" + accessKeyId + ", secretAccessKey=****, arn="
                + arn + "]";
    }
}
