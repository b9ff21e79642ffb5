package dev.eksirsa.engine.aws.eks;
import org.junit.jupiter.api.Test;
class DbgTest {
    @Test
    void dbg() {
        try (var sb = SandboxAws.fastSandbox(); var aws = SandboxAws.clients(sb)) {
            try { aws.eks().describeCluster(b -> b.name("nope")); }
            catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                System.out.println("DBG code=[" + e.awsErrorDetails().errorCode() + "] class=" + e.getClass());
            }
        }
    }
}
