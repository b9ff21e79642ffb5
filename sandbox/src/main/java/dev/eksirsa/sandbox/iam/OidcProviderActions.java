package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.QueryProtocol;
import dev.eksirsa.sandbox.http.Xml;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** IAM OpenID Connect providers. Thumbprints are optional since 2024. */
final class OidcProviderActions {
    private final Clock clock;
    private final IamStore iam;

    OidcProviderActions(Clock clock, IamStore iam) {
        this.clock = clock;
        this.iam = iam;
    }

    void register(Map<String, Function<IamRequest, Xml>> actions) {
        actions.put("CreateOpenIDConnectProvider", this::create);
        actions.put("GetOpenIDConnectProvider", this::get);
        actions.put("ListOpenIDConnectProviders", this::list);
        actions.put("DeleteOpenIDConnectProvider", this::delete);
        actions.put("AddClientIDToOpenIDConnectProvider", this::addClientId);
        actions.put("RemoveClientIDFromOpenIDConnectProvider", this::removeClientId);
        actions.put("UpdateOpenIDConnectProviderThumbprint", this::updateThumbprint);
        actions.put("TagOpenIDConnectProvider", this::tag);
        actions.put("UntagOpenIDConnectProvider", this::untag);
        actions.put("ListOpenIDConnectProviderTags", this::listTags);
    }

    private Xml create(IamRequest r) {
        String url = r.required("Url");
        IamValidation.length("url", url, 1, 255);
        if (!url.startsWith("https://") || url.length() == "https://".length()) {
            throw new AwsError(
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '" + url
                            + "' at 'url' failed to satisfy constraint: Member must begin with https://");
        }
        String hostAndPath = stripScheme(url);
        List<String> clientIds = r.call().request().memberList("ClientIDList.member");
        clientIds.forEach(id -> IamValidation.length("clientIDList.member", id, 1, 255));
        if (clientIds.size() > 100) {
            throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
        }
        List<String> thumbprints = r.call().request().memberList("ThumbprintList.member");
        IamValidation.thumbprints(thumbprints);
        Map<String, String> tags = IamService.tags(r.call().request(), "Tags");
        IamValidation.tags(tags, 0);
        String arn = arn(r, hostAndPath);
        r.authorize(arn, arn);
        if (!tags.isEmpty()) {
            r.authorizeAlso("iam:TagOpenIDConnectProvider", arn);
        }
        IamAccount account = iam.requireAccount(r.accountId());
        synchronized (account.lock()) {
            if (account.providers.containsKey(arn)) {
                throw new AwsError(409, "EntityAlreadyExists", "Provider with url " + url + " already exists.");
            }
            OidcProvider provider = new OidcProvider(arn, hostAndPath, Instant.now(clock));
            clientIds.stream().distinct().forEach(provider.clientIds::add);
            thumbprints.stream()
                    .map(t -> t.toLowerCase(java.util.Locale.ROOT))
                    .distinct()
                    .forEach(provider.thumbprints::add);
            provider.tags.putAll(tags);
            account.providers.put(arn, provider);
            Xml result = QueryProtocol.result("CreateOpenIDConnectProvider").add("OpenIDConnectProviderArn", arn);
            if (!tags.isEmpty()) {
                result.add(IamXml.tagsElement(tags));
            }
            return result;
        }
    }

    private Xml get(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        synchronized (lock(r)) {
            Xml result = QueryProtocol.result("GetOpenIDConnectProvider")
                    .add("Url", provider.url)
                    .stringList("ClientIDList", provider.clientIds)
                    .stringList("ThumbprintList", provider.thumbprints)
                    .add("CreateDate", IamXml.date(provider.createDate));
            return result.add(IamXml.tagsElement(provider.tags));
        }
    }

    private Xml list(IamRequest r) {
        r.authorize("arn:aws:iam::" + r.accountId() + ":oidc-provider/", null);
        List<String> arns;
        synchronized (lock(r)) {
            arns = new ArrayList<>(iam.requireAccount(r.accountId()).providers.keySet());
        }
        Xml list = Xml.el("OpenIDConnectProviderList");
        arns.forEach(arn -> list.add(Xml.el("member").add("Arn", arn)));
        return QueryProtocol.result("ListOpenIDConnectProviders").add(list);
    }

    private Xml delete(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        synchronized (lock(r)) {
            iam.requireAccount(r.accountId()).providers.remove(provider.arn);
        }
        return null;
    }

    private Xml addClientId(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        String clientId = r.required("ClientID");
        IamValidation.length("clientID", clientId, 1, 255);
        synchronized (lock(r)) {
            if (!provider.clientIds.contains(clientId)) {
                provider.clientIds.add(clientId);
            }
        }
        return null;
    }

    private Xml removeClientId(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        String clientId = r.required("ClientID");
        synchronized (lock(r)) {
            provider.clientIds.remove(clientId);
        }
        return null;
    }

    private Xml updateThumbprint(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        List<String> thumbprints = r.call().request().memberList("ThumbprintList.member");
        IamValidation.thumbprints(thumbprints);
        synchronized (lock(r)) {
            provider.thumbprints.clear();
            thumbprints.stream()
                    .map(t -> t.toLowerCase(java.util.Locale.ROOT))
                    .distinct()
                    .forEach(provider.thumbprints::add);
        }
        return null;
    }

    private Xml tag(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        Map<String, String> tags = IamService.tags(r.call().request(), "Tags");
        synchronized (lock(r)) {
            IamValidation.tags(tags, (int) provider.tags.keySet().stream()
                    .filter(k -> !tags.containsKey(k))
                    .count());
            provider.tags.putAll(tags);
        }
        return null;
    }

    private Xml untag(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        List<String> keys = r.call().request().memberList("TagKeys.member");
        synchronized (lock(r)) {
            keys.forEach(provider.tags::remove);
        }
        return null;
    }

    private Xml listTags(IamRequest r) {
        OidcProvider provider = requireProvider(r);
        synchronized (lock(r)) {
            return QueryProtocol.result("ListOpenIDConnectProviderTags")
                    .add(IamXml.tagsElement(provider.tags))
                    .add("IsTruncated", false);
        }
    }

    private OidcProvider requireProvider(IamRequest r) {
        String arn = r.required("OpenIDConnectProviderArn");
        IamValidation.arn("openIDConnectProviderArn", arn);
        r.authorize(arn, arn);
        return iam.account(IamStore.accountOf(arn).orElse(""))
                .filter(a -> a.accountId().equals(r.accountId()))
                .flatMap(a -> a.provider(arn))
                .orElseThrow(() -> AwsError.noSuchEntity("OpenIDConnect Provider not found for arn " + arn));
    }

    private Object lock(IamRequest r) {
        return iam.requireAccount(r.accountId()).lock();
    }

    private static String arn(IamRequest r, String hostAndPath) {
        return "arn:aws:iam::" + r.accountId() + ":oidc-provider/" + hostAndPath;
    }

    static String stripScheme(String url) {
        String rest = url.substring("https://".length());
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }
}
