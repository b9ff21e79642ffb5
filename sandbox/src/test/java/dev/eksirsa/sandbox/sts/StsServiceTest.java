package dev.eksirsa.sandbox.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.account.CredentialStore;
import dev.eksirsa.sandbox.account.Ids;
import dev.eksirsa.sandbox.fault.Faults;
import dev.eksirsa.sandbox.http.AwsCall;
import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsRequest;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.iam.IamService;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.iam.User;
import dev.eksirsa.sandbox.oidc.ClusterIssuer;
import dev.eksirsa.sandbox.oidc.OidcIssuerServer;
import dev.eksirsa.sandbox.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** StsService driven directly (no AWS endpoint), with IAM state made through IamService and a real HTTPS issuer. */
class StsServiceTest {
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    private static final String AUDIENCE = "sts.amazonaws.com";

    private static CertificateAuthority ca;
    private static OidcIssuerServer issuers;
    private static ClusterIssuer issuer;

    // Near real time: tokens are signed with real timestamps and STS judges their expiry by this clock.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private IamStore store;
    private Faults faults;
    private IamService iam;
    private StsService sts;
    private Caller admin;
    private Caller plainUser;
    private Caller otherAdmin;

    @BeforeAll
    static void startIssuer() {
        ca = CertificateAuthority.create("sts-test");
        issuers = OidcIssuerServer.start(ca, "us-east-1", null, false);
        issuer = issuers.register("StsServiceTest");
    }

    @AfterAll
    static void stopIssuer() {
        issuers.close();
    }

    @BeforeEach
    void setUp() {
        store = new IamStore();
        faults = new Faults();
        Authorizer authorizer = new Authorizer(store);
        iam = new IamService(clock, store, authorizer);
        sts = new StsService(
                "us-east-1",
                clock,
                store,
                authorizer,
                new CredentialStore(clock),
                faults,
                JwksResolver.https(ca.clientTrusting(), clock, Duration.ZERO));
        admin = user(
                ACCOUNT,
                "admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        plainUser = user(ACCOUNT, "plain", null);
        otherAdmin = user(
                OTHER_ACCOUNT,
                "admin",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    private Caller user(String account, String name, String inlinePolicy) {
        store.addAccount(account);
        String arn = "arn:aws:iam::" + account + ":user/" + name;
        User user = new User(name, "/", arn, Ids.uniqueId("AIDA"), clock.instant());
        if (inlinePolicy != null) {
            user.inlinePolicies.put("p", inlinePolicy);
        }
        store.requireAccount(account).addUser(user);
        return Caller.user(account, arn, user.userId);
    }

    // --- GetCallerIdentity and routing ---

    @Test
    void getCallerIdentity_signedUser_returnsArnUserIdAccount() {
        Document doc = ok(sts, admin, "GetCallerIdentity");
        assertThat(text(doc, "/GetCallerIdentityResponse/GetCallerIdentityResult/Arn"))
                .isEqualTo(admin.arn());
        assertThat(text(doc, "//UserId")).isEqualTo(admin.userId());
        assertThat(text(doc, "//Account")).isEqualTo(ACCOUNT);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    }

    @Test
    void getCallerIdentity_unsigned_isMissingAuthenticationToken() {
        assertError(() -> call(sts, null, "GetCallerIdentity"), 403, "MissingAuthenticationToken");
    }

    @Test
    void actionOf_unknownAction_isInvalidAction() {
        assertThatThrownBy(() -> sts.actionOf(request("GetSessionToken"))).isInstanceOfSatisfying(AwsError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("InvalidAction");
            assertThat(e.getMessage()).isEqualTo("Could not find operation GetSessionToken for version 2011-06-15");
        });
    }

    @Test
    void renderError_isStsShaped() {
        AwsResponse response = sts.renderError(StsErrors.webIdentityDenied(), "req-1");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).isEqualTo(403);
        assertThat(body)
                .contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Type>Sender</Type><Code>AccessDenied</Code>")
                .contains("<RequestId>req-1</RequestId>");
    }

    // --- AssumeRole ---

    @Test
    void assumeRole_sameAccountTrustNamingUser_needsNoIdentityPolicy() {
        String roleArn = role(admin, trustAws(plainUser.arn(), null), 3600);
        Document doc = ok(sts, plainUser, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1");
        assertThat(text(doc, "//AssumedRoleUser/Arn"))
                .isEqualTo(roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/s1");
        assertThat(text(doc, "//AssumedRoleUser/AssumedRoleId"))
                .startsWith("AROA")
                .endsWith(":s1");
        assertThat(text(doc, "//Credentials/AccessKeyId")).startsWith("ASIA");
        assertThat(text(doc, "//Credentials/Expiration"))
                .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(clock.instant().plusSeconds(3600)));
    }

    @Test
    void assumeRole_trustNamingOnlyAccount_needsIdentityPolicy() {
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 3600);
        assertError(
                () -> call(sts, plainUser, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1"),
                403,
                "AccessDenied",
                "User: " + plainUser.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        ok(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1");
    }

    @Test
    void assumeRole_crossAccount_needsTrustAndIdentity() {
        String trusting = role(otherAdmin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 3600);
        ok(sts, admin, "AssumeRole", "RoleArn", trusting, "RoleSessionName", "s1");
        String namingPlain = role(otherAdmin, trustAws(plainUser.arn(), null), 3600);
        assertError(
                () -> call(sts, plainUser, "AssumeRole", "RoleArn", namingPlain, "RoleSessionName", "s1"),
                403,
                "AccessDenied");
        String untrusting = role(otherAdmin, trustAws("arn:aws:iam::" + OTHER_ACCOUNT + ":root", null), 3600);
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", untrusting, "RoleSessionName", "s1"),
                403,
                "AccessDenied");
    }

    @Test
    void assumeRole_externalId_mustMatchCondition() {
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", "ext-4711"), 3600);
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1"), 403, "AccessDenied");
        assertError(
                () -> call(
                        sts,
                        admin,
                        "AssumeRole",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "s1",
                        "ExternalId",
                        "ext-0000"),
                403,
                "AccessDenied");
        ok(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1", "ExternalId", "ext-4711");
    }

    @Test
    void assumeRole_missingRole_isAccessDenied() {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/nope";
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1"), 403, "AccessDenied");
    }

    @Test
    void assumeRole_roleYoungerThanPropagationDelay_isAccessDeniedUntilPropagated() {
        faults.iamPropagationDelay(Duration.ofSeconds(10));
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 3600);
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1"), 403, "AccessDenied");
        clock.advance(Duration.ofSeconds(10));
        ok(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1");
    }

    @Test
    void assumeRole_badSessionName_isValidationErrorAsAwsWordsIt() {
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 3600);
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "a/b"),
                400,
                "ValidationError",
                "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "a"),
                400,
                "ValidationError",
                "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 2");
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleSessionName", "a", "DurationSeconds", "60"),
                400,
                "ValidationError",
                "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
                        + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
                        + "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    }

    @Test
    void assumeRole_durationOverMaxSessionDuration_isValidationError() {
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 7200);
        assertError(
                () -> call(
                        sts,
                        admin,
                        "AssumeRole",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "s1",
                        "DurationSeconds",
                        "7201"),
                400,
                "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        ok(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1", "DurationSeconds", "7200");
    }

    @Test
    void assumeRole_chainedOverOneHour_isValidationError() {
        String first = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 43200);
        iamCall(
                admin,
                "PutRolePolicy",
                "RoleName",
                name(first),
                "PolicyName",
                "p",
                "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        String second = role(admin, trustAws(first, null), 43200);
        Caller session = sessionCaller(
                ok(sts, admin, "AssumeRole", "RoleArn", first, "RoleSessionName", "hop1", "DurationSeconds", "7200"));
        assertError(
                () -> call(
                        sts,
                        session,
                        "AssumeRole",
                        "RoleArn",
                        second,
                        "RoleSessionName",
                        "hop2",
                        "DurationSeconds",
                        "3601"),
                400,
                "ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        ok(sts, session, "AssumeRole", "RoleArn", second, "RoleSessionName", "hop2", "DurationSeconds", "3600");
    }

    @Test
    void assumeRole_explicitDenyInTrust_wins() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + admin.arn()
                + "\"},\"Action\":\"sts:AssumeRole\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}";
        String roleArn = role(admin, trust, 3600);
        assertError(
                () -> call(sts, admin, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "s1"), 403, "AccessDenied");
    }

    // --- AssumeRoleWithWebIdentity ---

    @Test
    void webIdentity_validToken_issuesSessionWithAwsShapedResult() {
        String providerArn = provider(List.of(issuers.topCertificateThumbprint()));
        String roleArn = irsaRole(providerArn, "StringEquals", "system:serviceaccount:apps:reader");
        AwsCall call = webCall(
                "AssumeRoleWithWebIdentity",
                "RoleArn",
                roleArn,
                "RoleSessionName",
                "pod",
                "WebIdentityToken",
                token(c -> {}));
        Document doc = parse(sts.handle(call));
        assertThat(text(doc, "//SubjectFromWebIdentityToken")).isEqualTo("system:serviceaccount:apps:reader");
        assertThat(text(doc, "//Audience")).isEqualTo(AUDIENCE);
        assertThat(text(doc, "//Provider")).isEqualTo(providerArn);
        assertThat(text(doc, "//AssumedRoleUser/Arn")).endsWith(":assumed-role/" + name(roleArn) + "/pod");
        assertThat(call.loggedPrincipal()).isEqualTo("system:serviceaccount:apps:reader");
        assertThat(call.loggedAccount()).isEqualTo(ACCOUNT);
        assertThat(call.target()).isEqualTo(roleArn);
    }

    @Test
    void webIdentity_providerWithoutThumbprints_trustsTheCa() {
        String roleArn = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        ok(
                sts,
                null,
                "AssumeRoleWithWebIdentity",
                "RoleArn",
                roleArn,
                "RoleSessionName",
                "pod",
                "WebIdentityToken",
                token(c -> {}));
    }

    @Test
    void webIdentity_thumbprintMismatch_isInvalidIdentityToken() {
        String roleArn = irsaRole(
                provider(List.of("0000000000000000000000000000000000000000")),
                "StringEquals",
                "system:serviceaccount:apps:reader");
        assertError(
                () -> call(
                        sts,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "pod",
                        "WebIdentityToken",
                        token(c -> {})),
                400,
                "InvalidIdentityToken",
                "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
    }

    @Test
    void webIdentity_providerYoungerThanPropagationDelay_isNotFoundUntilPropagated() {
        faults.iamPropagationDelay(Duration.ofSeconds(10));
        String roleArn = irsaRole(providerArnFor(), "StringEquals", "system:serviceaccount:apps:reader");
        clock.advance(Duration.ofSeconds(10));
        provider(List.of());
        assertError(
                () -> webIdentity(roleArn, token(c -> {})),
                400,
                "InvalidIdentityToken",
                "No OpenIDConnect provider found in your account for " + issuer.issuerUrl());
        clock.advance(Duration.ofSeconds(10));
        ok(
                sts,
                null,
                "AssumeRoleWithWebIdentity",
                "RoleArn",
                roleArn,
                "RoleSessionName",
                "pod",
                "WebIdentityToken",
                token(c -> {}));
    }

    @Test
    void webIdentity_noProviderForIssuer_isInvalidIdentityToken() {
        String roleArn = role(admin, trustAws("arn:aws:iam::" + ACCOUNT + ":root", null), 3600);
        assertError(
                () -> call(
                        sts,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "pod",
                        "WebIdentityToken",
                        token(c -> {})),
                400,
                "InvalidIdentityToken",
                "No OpenIDConnect provider found in your account for " + issuer.issuerUrl());
    }

    @Test
    void webIdentity_signatureOrAudienceOrExpiry_refusedAsAwsDoes() {
        String roleArn = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        String[] good = token(c -> {}).split("\\.");
        String otherPayload =
                token(c -> c.subject("system:serviceaccount:apps:admin")).split("\\.")[1];
        assertError(
                () -> webIdentity(roleArn, good[0] + "." + otherPayload + "." + good[2]), 400, "InvalidIdentityToken");
        assertError(
                () -> webIdentity(roleArn, token(c -> c.audience("vault"))),
                400,
                "InvalidIdentityToken",
                "Incorrect token audience");
        Instant past = Instant.now().minusSeconds(7200);
        assertError(
                () -> webIdentity(roleArn, token(c -> c.issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(600))))),
                400,
                "ExpiredTokenException");
        assertError(() -> webIdentity(roleArn, "not.a.jwt"), 400, "InvalidIdentityToken");
    }

    @Test
    void webIdentity_keyOfAnotherIssuer_isInvalidIdentityToken() {
        String roleArn = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        ClusterIssuer other = issuers.register(UUID.randomUUID().toString().replace("-", ""));
        String forged = other.sign(claims().build());
        assertError(() -> webIdentity(roleArn, forged), 400, "InvalidIdentityToken");
    }

    @Test
    void webIdentity_otherSubjectOrLiteralStar_isAccessDenied() {
        String pinned = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        assertError(
                () -> webIdentity(pinned, token(c -> c.subject("system:serviceaccount:apps:writer"))),
                403,
                "AccessDenied",
                "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        String literalStar = irsaRole(providerArnFor(), "StringEquals", "system:serviceaccount:apps:*");
        assertError(() -> webIdentity(literalStar, token(c -> {})), 403, "AccessDenied");
        String like = irsaRole(providerArnFor(), "StringLike", "system:serviceaccount:apps:*");
        webIdentity(like, token(c -> {}));
    }

    @Test
    void webIdentity_unreachableIssuer_isIdpCommunicationError() {
        String roleArn = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        String token = token(c -> {});
        StsService unreachable = new StsService(
                "us-east-1",
                clock,
                store,
                new Authorizer(store),
                new CredentialStore(clock),
                faults,
                JwksResolver.https(CertificateAuthority.create("other").clientTrusting(), clock, Duration.ZERO));
        // A CA the client does not trust fails the handshake, as an unreachable IdP fails the connection.
        assertError(
                () -> call(
                        unreachable,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "pod",
                        "WebIdentityToken",
                        token),
                400,
                "IDPCommunicationError");
    }

    @Test
    void webIdentity_durationOverMax_isValidationError() {
        String roleArn = irsaRole(provider(List.of()), "StringEquals", "system:serviceaccount:apps:reader");
        assertError(
                () -> call(
                        sts,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        roleArn,
                        "RoleSessionName",
                        "pod",
                        "WebIdentityToken",
                        token(c -> {}),
                        "DurationSeconds",
                        "3601"),
                400,
                "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void webIdentity_errorsNeverEchoTheToken() {
        String token = token(c -> {});
        assertThatThrownBy(() -> call(
                        sts,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        "arn:aws:iam::" + ACCOUNT + ":role/x",
                        "RoleSessionName",
                        "p",
                        "WebIdentityToken",
                        token))
                .isInstanceOf(AwsError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[1]));
        assertThatThrownBy(() -> call(
                        sts,
                        null,
                        "AssumeRoleWithWebIdentity",
                        "RoleArn",
                        "arn:aws:iam::" + ACCOUNT + ":role/x",
                        "RoleSessionName",
                        "p",
                        "WebIdentityToken",
                        "x".repeat(20_001)))
                .isInstanceOf(AwsError.class)
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("xxxx").contains("webIdentityToken"));
    }

    // --- helpers ---

    private String providerArnFor() {
        return "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.hostAndPath();
    }

    private String provider(List<String> thumbprints) {
        List<String> params = new ArrayList<>(List.of("Url", issuer.issuerUrl(), "ClientIDList.member.1", AUDIENCE));
        for (int i = 0; i < thumbprints.size(); i++) {
            params.add("ThumbprintList.member." + (i + 1));
            params.add(thumbprints.get(i));
        }
        iamCall(admin, "CreateOpenIDConnectProvider", params.toArray(String[]::new));
        return providerArnFor();
    }

    private String irsaRole(String providerArn, String operator, String subject) {
        String hostPath = issuer.hostAndPath();
        String trust =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"" + operator
                        + "\":{\""
                        + hostPath + ":sub\":\"" + subject + "\",\"" + hostPath + ":aud\":\"" + AUDIENCE + "\"}}}]}";
        return role(admin, trust, 3600);
    }

    private String role(Caller owner, String trust, int maxSessionDuration) {
        String roleName = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Document doc = parse(iamCall(
                owner,
                "CreateRole",
                "RoleName",
                roleName,
                "AssumeRolePolicyDocument",
                trust,
                "MaxSessionDuration",
                Integer.toString(maxSessionDuration)));
        return text(doc, "//Role/Arn");
    }

    private AwsResponse iamCall(Caller caller, String action, String... params) {
        AwsRequest request = request(action, params);
        return iam.handle(new AwsCall(request, iam.actionOf(request), caller, "req"));
    }

    private void webIdentity(String roleArn, String token) {
        call(
                sts,
                null,
                "AssumeRoleWithWebIdentity",
                "RoleArn",
                roleArn,
                "RoleSessionName",
                "pod",
                "WebIdentityToken",
                token);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuerUrl())
                .subject("system:serviceaccount:apps:reader")
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    private String token(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = claims();
        change.accept(claims);
        return issuer.sign(claims.build());
    }

    /** The caller the credentials of an AssumeRole response stand for, as the endpoint would authenticate it. */
    private Caller sessionCaller(Document assumeRoleResponse) {
        String arn = text(assumeRoleResponse, "//AssumedRoleUser/Arn");
        String roleId = text(assumeRoleResponse, "//AssumedRoleUser/AssumedRoleId");
        String roleName = arn.split("/")[1];
        String account = arn.split(":")[4];
        return Caller.roleSession(
                account,
                "arn:aws:iam::" + account + ":role/" + roleName,
                roleId.split(":")[0],
                roleId.split(":")[1],
                false,
                clock.instant().plusSeconds(3600));
    }

    private static String name(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    private static String trustAws(String principal, String externalId) {
        String condition = externalId == null
                ? ""
                : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}";
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private AwsCall webCall(String action, String... params) {
        AwsRequest request = request(action, params);
        return new AwsCall(request, sts.actionOf(request), null, "req");
    }

    private AwsResponse call(StsService service, Caller caller, String action, String... params) {
        AwsRequest request = request(action, params);
        return service.handle(new AwsCall(request, service.actionOf(request), caller, "req"));
    }

    private Document ok(StsService service, Caller caller, String action, String... params) {
        AwsResponse response = call(service, caller, action, params);
        assertThat(response.status()).isEqualTo(200);
        return parse(response);
    }

    private static AwsRequest request(String action, String... params) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put(
                "Version",
                action.equals("CreateRole") || action.equals("PutRolePolicy") || action.startsWith("CreateOpen")
                        ? "2010-05-08"
                        : "2011-06-15");
        for (int i = 0; i < params.length; i += 2) {
            form.put(params[i], params[i + 1]);
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return AwsRequest.of(
                "POST",
                "/",
                null,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(Runnable action, int status, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AwsError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private static void assertError(Runnable action, int status, String code, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AwsError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static Document parse(AwsResponse response) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Document doc, String xpath) {
        try {
            // Namespace-free matching on local names keeps the paths short.
            String localPath = xpath.replaceAll("(?<=/)([A-Za-z]+)", "*[local-name()='$1']");
            return XPathFactory.newInstance().newXPath().evaluate(localPath, doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
