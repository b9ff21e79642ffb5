package dev.eksirsa.sandbox.parity;

import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.MotoServer;
import dev.eksirsa.testkit.RunsAgainst;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The parity set against moto 5.2.1's server. Known differences, where the sandbox follows AWS's documentation:
 * moto returns policy documents without URL encoding (IAM encodes them), accepts any web identity token and never
 * evaluates trust policies, and its EKS issuers point at real AWS hosts (so no thumbprint can be computed here).
 */
@RunsAgainst(Backend.MOTO)
class MotoParityTest extends AwsParityContract {

    @Override
    SandboxClients clients() {
        MotoServer moto = MotoServer.shared();
        return new SandboxClients(
                moto.endpoint(),
                "us-east-1",
                AwsBasicCredentials.create(MotoServer.KEYS.accessKeyId(), MotoServer.KEYS.secretAccessKey()));
    }

    @Override
    String accountId() {
        return MotoServer.ACCOUNT_ID;
    }
}
