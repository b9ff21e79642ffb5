package dev.eksirsa.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runbook the tutorial's way, translated from eksctl to the AWS CLI v2 and kubectl, one process per command, as
 * a user types it: cluster role, cluster, its OIDC provider (thumbprint with openssl, as AWS documents), Role-1 with
 * the IRSA trust, the second account's role trusting Role-1 with an external id, Role-1's permission to assume it
 * (on the role's ARN, not the tutorial's policy ARN), the kubeconfig, namespace, service account and annotation.
 */
final class BenchRunbook {
    private final Path aws;
    private final Path kubectl;
    private final Path dir;
    private final Map<String, String> firstAccount;
    private final Map<String, String> secondAccount;
    private final String endpoint;
    private int processes;
    private final List<Map<String, Object>> commands = new ArrayList<>();
    private Duration activationWait = Duration.ZERO;

    /** What a run took: wall time, how much of it was waiting for the cluster, and how many processes ran. */
    record Outcome(
            Duration wall,
            Duration activationWait,
            int processes,
            List<Map<String, Object>> commands,
            String roleArn,
            String targetRoleArn) {}

    BenchRunbook(Path aws, Path kubectl, Path dir, BenchSandbox sandbox) throws IOException {
        this.aws = aws;
        this.kubectl = kubectl;
        this.dir = dir;
        this.endpoint = sandbox.info().awsEndpoint();
        Path home = Files.createDirectories(dir.resolve("home"));
        Path empty = Files.writeString(dir.resolve("empty-aws-config"), "");
        Map<String, String> base = new HashMap<>();
        base.put("HOME", home.toString());
        base.put("PATH", aws.getParent() + ":/usr/bin:/bin");
        base.put("AWS_CONFIG_FILE", empty.toString());
        base.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        base.put("AWS_PAGER", "");
        base.put("AWS_EC2_METADATA_DISABLED", "true");
        base.put("AWS_DEFAULT_REGION", sandbox.info().region());
        base.put("AWS_CA_BUNDLE", sandbox.environment().get("AWS_CA_BUNDLE"));
        firstAccount = new HashMap<>(base);
        firstAccount.put("AWS_ACCESS_KEY_ID", sandbox.info().accounts().get(0).accessKeyId());
        firstAccount.put(
                "AWS_SECRET_ACCESS_KEY", sandbox.info().accounts().get(0).secretAccessKey());
        secondAccount = new HashMap<>(base);
        secondAccount.put("AWS_ACCESS_KEY_ID", sandbox.info().accounts().get(1).accessKeyId());
        secondAccount.put(
                "AWS_SECRET_ACCESS_KEY", sandbox.info().accounts().get(1).secretAccessKey());
    }

    Outcome run(String name) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String ns = name + "-ns";
        String sa = name + "-sa";
        String first = awsText(firstAccount, "sts", "get-caller-identity", "--query", "Account");
        String second = awsText(secondAccount, "sts", "get-caller-identity", "--query", "Account");

        Path eksTrust = file(
                "eks-trust.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
        String clusterRole = awsText(
                firstAccount,
                "iam",
                "create-role",
                "--role-name",
                name + "-cluster-role",
                "--assume-role-policy-document",
                "file://" + eksTrust,
                "--query",
                "Role.Arn");
        awsText(
                firstAccount,
                "iam",
                "attach-role-policy",
                "--role-name",
                name + "-cluster-role",
                "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
        String subnets = awsText(
                firstAccount,
                "ec2",
                "describe-subnets",
                "--filters",
                "Name=default-for-az,Values=true",
                "--query",
                "Subnets[0:2].SubnetId");
        awsText(
                firstAccount,
                "eks",
                "create-cluster",
                "--name",
                name,
                "--role-arn",
                clusterRole,
                "--resources-vpc-config",
                "subnetIds=" + String.join(",", subnets.split("\\s+")),
                "--query",
                "cluster.status");
        long waitStarted = System.nanoTime();
        awsText(firstAccount, "eks", "wait", "cluster-active", "--name", name);
        activationWait = Duration.ofNanos(System.nanoTime() - waitStarted);
        String issuer = awsText(
                firstAccount, "eks", "describe-cluster", "--name", name, "--query", "cluster.identity.oidc.issuer");

        String thumbprint = thumbprint(issuer);
        String providerArn = awsText(
                firstAccount,
                "iam",
                "create-open-id-connect-provider",
                "--url",
                issuer,
                "--client-id-list",
                "sts.amazonaws.com",
                "--thumbprint-list",
                thumbprint,
                "--query",
                "OpenIDConnectProviderArn");
        String provider = issuer.replaceFirst("^https://", "");
        Path irsaTrust = file(
                "irsa-trust.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
                        + "\"StringEquals\":{\"" + provider + ":aud\":\"sts.amazonaws.com\",\"" + provider
                        + ":sub\":\"system:serviceaccount:" + ns + ":" + sa + "\"}}}]}");
        String roleArn = awsText(
                firstAccount,
                "iam",
                "create-role",
                "--role-name",
                name + "-role-1",
                "--assume-role-policy-document",
                "file://" + irsaTrust,
                "--query",
                "Role.Arn");
        Path crossTrust = file(
                "cross-trust.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + roleArn + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                        + "{\"sts:ExternalId\":\"harness-delegate\"}}}]}");
        String targetArn = awsText(
                secondAccount,
                "iam",
                "create-role",
                "--role-name",
                name + "-role-2",
                "--assume-role-policy-document",
                "file://" + crossTrust,
                "--query",
                "Role.Arn");
        awsText(
                secondAccount,
                "iam",
                "attach-role-policy",
                "--role-name",
                name + "-role-2",
                "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        Path describeRegions = file(
                "describe-regions.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeRegions\","
                        + "\"Resource\":\"*\"}]}");
        awsText(
                secondAccount,
                "iam",
                "put-role-policy",
                "--role-name",
                name + "-role-2",
                "--policy-name",
                "describe-regions",
                "--policy-document",
                "file://" + describeRegions);
        Path assume = file(
                "assume-role-2.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"" + targetArn + "\"}]}");
        awsText(
                firstAccount,
                "iam",
                "put-role-policy",
                "--role-name",
                name + "-role-1",
                "--policy-name",
                "assume-role-2",
                "--policy-document",
                "file://" + assume);

        Path kubeconfig = dir.resolve(name + ".kubeconfig");
        awsText(firstAccount, "eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig.toString());
        kubectl(kubeconfig, "create", "namespace", ns);
        kubectl(kubeconfig, "create", "serviceaccount", sa, "-n", ns);
        kubectl(
                kubeconfig,
                "annotate",
                "serviceaccount",
                sa,
                "-n",
                ns,
                "eks.amazonaws.com/role-arn=" + roleArn,
                "--overwrite");
        if (first.equals(second)) {
            throw new IllegalStateException("the sandbox's two accounts are one");
        }
        return new Outcome(
                Duration.ofNanos(System.nanoTime() - started),
                activationWait,
                processes,
                List.copyOf(commands),
                roleArn,
                targetArn);
    }

    /** The issuer's top certificate's SHA-1, as AWS's documentation computes it: openssl s_client, then x509. */
    private String thumbprint(String issuer) throws IOException, InterruptedException {
        String host = java.net.URI.create(issuer).getHost();
        int port = java.net.URI.create(issuer).getPort();
        String chain = run(
                List.of(
                        "openssl",
                        "s_client",
                        "-servername",
                        host,
                        "-showcerts",
                        "-connect",
                        host + ":" + (port < 0 ? 443 : port)),
                Map.of("PATH", "/usr/bin:/bin"),
                "");
        int last = chain.lastIndexOf("-----BEGIN CERTIFICATE-----");
        int end = chain.indexOf("-----END CERTIFICATE-----", last);
        if (last < 0 || end < 0) {
            throw new IOException("openssl s_client printed no certificate for " + host);
        }
        String pem = chain.substring(last, end + "-----END CERTIFICATE-----".length()) + "\n";
        String fingerprint = run(
                List.of("openssl", "x509", "-fingerprint", "-sha1", "-noout"), Map.of("PATH", "/usr/bin:/bin"), pem);
        return fingerprint
                .substring(fingerprint.indexOf('=') + 1)
                .replace(":", "")
                .trim()
                .toLowerCase();
    }

    /** The tool and its first two words that are not options: {@code aws iam create-role}. */
    private static String label(List<String> command) {
        List<String> words = new ArrayList<>();
        words.add(Path.of(command.get(0)).getFileName().toString());
        command.stream().skip(1).filter(w -> !w.startsWith("-")).limit(2).forEach(words::add);
        return String.join(" ", words);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private String awsText(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--output", "text"));
        return run(command, env, null).trim();
    }

    private void kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(kubectl.toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.addAll(List.of(args));
        run(command, firstAccount, null);
    }

    private String run(List<String> command, Map<String, String> env, String stdin)
            throws IOException, InterruptedException {
        processes++;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path err = Files.createTempFile(dir, "step", ".err");
        builder.redirectError(err.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " " + command.get(1) + " did not finish");
        }
        Map<String, Object> timing = new java.util.LinkedHashMap<>();
        timing.put("command", label(command));
        timing.put("seconds", BenchCommand.seconds(Duration.ofNanos(System.nanoTime() - started)));
        commands.add(timing);
        if (process.exitValue() != 0) {
            throw new IOException("the runbook's `" + Path.of(command.get(0)).getFileName() + " "
                    + String.join(" ", command.subList(1, Math.min(3, command.size()))) + "` exited "
                    + process.exitValue() + " (its stderr is in " + err + ")");
        }
        return out;
    }
}
