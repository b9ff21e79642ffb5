package dev.eksirsa.sandbox;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.account.IssuedCredentials;
import dev.eksirsa.sandbox.ec2.DefaultNetworks;
import dev.eksirsa.sandbox.ec2.Ec2Service;
import dev.eksirsa.sandbox.eks.EksService;
import dev.eksirsa.sandbox.fault.AccountRateLimit;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.harness.HarnessAccount;
import dev.eksirsa.sandbox.harness.HarnessEndpoint;
import dev.eksirsa.sandbox.http.AwsEndpoint;
import dev.eksirsa.sandbox.http.CallerAuthenticator;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.iam.IamAccount;
import dev.eksirsa.sandbox.iam.IamService;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.iam.User;
import dev.eksirsa.sandbox.kube.EksTokenAuthenticator;
import dev.eksirsa.sandbox.kube.KubeApiServers;
import dev.eksirsa.sandbox.log.CallLog;
import dev.eksirsa.sandbox.oidc.OidcIssuerServer;
import dev.eksirsa.sandbox.sts.JwksResolver;
import dev.eksirsa.sandbox.sts.StsService;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole emulated world on loopback: one AWS endpoint (IAM, STS, EKS, EC2), the clusters' OIDC issuer, and
 * several accounts, each with an administrator key. Start it per test and close it after.
 */
public final class Sandbox implements AutoCloseable {
    public static final String ADMIN_USER = "sandbox-admin";
    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    private final SandboxOptions options;
    private final CallLog calls = new CallLog();
    private final Faults faults = new Faults();
    private final IamStore iam = new IamStore();
    private final CredentialStore credentials;
    private final CertificateAuthority ca;
    private final OidcIssuerServer oidc;
    private final EksService eks;
    private final KubeApiServers kube;
    private final EksTokenAuthenticator eksTokens;
    private final AwsEndpoint endpoint;
    private final HarnessEndpoint harness;
    private final List<SandboxAccount> accounts = new ArrayList<>();

    private Sandbox(SandboxOptions options) throws IOException {
        this.options = options;
        this.credentials = new CredentialStore(options.clock());
        createAccounts();
        Authorizer authorizer = new Authorizer(iam);
        this.ca = CertificateAuthority.create("eks-irsa sandbox");
        this.oidc = OidcIssuerServer.start(
                ca,
                options.region(),
                (path, status) -> calls.add("oidc", "GET " + path, null, null, path, status, false, null));
        DefaultNetworks networks = new DefaultNetworks(options.region());
        this.eks = new EksService(
                options.region(),
                options.clock(),
                iam,
                authorizer,
                oidc,
                options.clusterActivationDelay(),
                options.nodegroupActivationDelay(),
                networks);
        this.eksTokens = new EksTokenAuthenticator(credentials, options.clock());
        this.kube = new KubeApiServers(ca, calls, eksTokens, options.clock(), faults);
        eks.clusters().addListener(kube);
        faults.baseLatency(options.callLatency());
        this.endpoint = new AwsEndpoint(
                List.of(
                        new IamService(options.clock(), iam, authorizer),
                        new StsService(
                                options.region(),
                                options.clock(),
                                iam,
                                authorizer,
                                credentials,
                                faults,
                                // no caching: every web-identity call shows its issuer fetches in the call log
                                JwksResolver.https(ca.clientTrusting(), options.clock(), Duration.ZERO)),
                        eks,
                        new Ec2Service(networks, authorizer)),
                new CallerAuthenticator(credentials, options.clock()),
                calls,
                faults,
                new AccountRateLimit(options.iamWriteRate()));
        this.harness = new HarnessEndpoint(
                HarnessAccount.create(), kube, endpoint.uri(), options.region(), calls, options.clock(), faults);
    }

    public static Sandbox start() {
        return start(SandboxOptions.defaults());
    }

    public static Sandbox start(SandboxOptions options) {
        try {
            return new Sandbox(options);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox failed to start", e);
        }
    }

    private void createAccounts() {
        Set<String> ids = new HashSet<>();
        while (ids.size() < options.accountCount()) {
            ids.add(Ids.accountId());
        }
        for (String id : ids) {
            IamAccount account = iam.addAccount(id);
            String arn = "arn:aws:iam::" + id + ":user/" + ADMIN_USER;
            User admin = new User(ADMIN_USER, "/", arn, Ids.uniqueId("AIDA"), Instant.now(options.clock()));
            admin.attachedPolicyArns.add(ADMINISTRATOR_ACCESS);
            account.addUser(admin);
            IssuedCredentials key = credentials.issueUserKey(Caller.user(id, arn, admin.userId));
            accounts.add(new SandboxAccount(id, key.accessKeyId(), key.secretAccessKey(), arn));
        }
    }

    /**
     * Adds an IAM user with an access key and no policy to an account (test setup; the IAM API's user actions are not
     * served). Give it permissions with {@link #putUserPolicy}.
     */
    public SandboxAccount createUser(String accountId, String userName) {
        IamAccount account = iam.requireAccount(accountId);
        String arn = "arn:aws:iam::" + accountId + ":user/" + userName;
        User user = new User(userName, "/", arn, Ids.uniqueId("AIDA"), Instant.now(options.clock()));
        synchronized (account.lock()) {
            if (account.user(userName).isPresent()) {
                throw new IllegalArgumentException("user " + userName + " exists in " + accountId);
            }
            account.addUser(user);
        }
        IssuedCredentials key = credentials.issueUserKey(Caller.user(accountId, arn, user.userId));
        return new SandboxAccount(accountId, key.accessKeyId(), key.secretAccessKey(), arn);
    }

    /** Sets (or with a null document removes) an inline policy of a user, as PutUserPolicy / DeleteUserPolicy do. */
    public void putUserPolicy(String accountId, String userName, String policyName, String document) {
        IamAccount account = iam.requireAccount(accountId);
        synchronized (account.lock()) {
            User user = account.user(userName)
                    .orElseThrow(() -> new IllegalArgumentException("no user " + userName + " in " + accountId));
            if (document == null) {
                user.inlinePolicies.remove(policyName);
            } else {
                try {
                    dev.eksirsa.sandbox.policy.PolicyDocument.parse(
                            document, dev.eksirsa.sandbox.policy.PolicyKind.IDENTITY);
                } catch (dev.eksirsa.sandbox.policy.MalformedPolicyException e) {
                    throw new IllegalArgumentException("policy " + policyName + " is malformed: " + e.getMessage(), e);
                }
                user.inlinePolicies.put(policyName, document);
            }
        }
    }

    public URI awsEndpoint() {
        return endpoint.uri();
    }

    public String region() {
        return options.region();
    }

    public List<SandboxAccount> accounts() {
        return List.copyOf(accounts);
    }

    /** The primary account. */
    public SandboxAccount primary() {
        return accounts.get(0);
    }

    /** The account for cross-account work. */
    public SandboxAccount secondary() {
        return accounts.get(1);
    }

    /**
     * Every secret handed out or accepted so far: access keys' secrets and session tokens, the Harness API key and
     * delegate tokens, the JWTs the clusters' issuers signed, the EKS bearer tokens the clusters accepted.
     */
    public List<IssuedSecret> issuedSecrets() {
        List<IssuedSecret> out = new ArrayList<>();
        for (IssuedCredentials issued : credentials.issued()) {
            out.add(new IssuedSecret(IssuedSecret.Kind.SECRET_ACCESS_KEY, issued.secretAccessKey()));
            if (issued.sessionToken() != null) {
                out.add(new IssuedSecret(IssuedSecret.Kind.SESSION_TOKEN, issued.sessionToken()));
            }
        }
        out.add(new IssuedSecret(
                IssuedSecret.Kind.HARNESS_API_KEY, harness.account().apiKey()));
        harness.delegateTokenValues().forEach(v -> out.add(new IssuedSecret(IssuedSecret.Kind.DELEGATE_TOKEN, v)));
        oidc.mintedTokens().forEach(v -> out.add(new IssuedSecret(IssuedSecret.Kind.SERVICE_ACCOUNT_JWT, v)));
        eksTokens.accepted().forEach(v -> out.add(new IssuedSecret(IssuedSecret.Kind.EKS_BEARER_TOKEN, v)));
        return out;
    }

    public CallLog calls() {
        return calls;
    }

    public Faults faults() {
        return faults;
    }

    public IamStore iam() {
        return iam;
    }

    public EksService eks() {
        return eks;
    }

    /** The Kubernetes API servers, one per cluster. */
    public KubeApiServers kube() {
        return kube;
    }

    public CertificateAuthority certificateAuthority() {
        return ca;
    }

    public OidcIssuerServer oidc() {
        return oidc;
    }

    /** The Harness NextGen API emulator (its account id and API key: {@code harness().account()}). */
    public HarnessEndpoint harness() {
        return harness;
    }

    public SandboxInfo info() {
        return new SandboxInfo(
                awsEndpoint().toString(),
                region(),
                accounts,
                oidc.baseUrl(),
                ca.rootPem(),
                harness.uri().toString(),
                harness.account().accountId(),
                harness.account().apiKey());
    }

    @Override
    public void close() {
        harness.close();
        endpoint.close();
        kube.close();
        oidc.close();
    }
}
