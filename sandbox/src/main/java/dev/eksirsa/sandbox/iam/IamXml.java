package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.http.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** IAM's XML shapes for roles, policies and OIDC providers. */
final class IamXml {
    private IamXml() {}

    /** IAM returns policy documents URL-encoded inside the XML (spaces as %20). */
    static String encodeDocument(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Xml role(Role role, boolean full) {
        Xml xml = Xml.el("Role")
                .add("Path", role.path)
                .add("RoleName", role.name)
                .add("RoleId", role.roleId)
                .add("Arn", role.arn)
                .add("CreateDate", date(role.createDate))
                .add("AssumeRolePolicyDocument", encodeDocument(role.trustPolicyJson))
                .add("Description", role.description)
                .add("MaxSessionDuration", role.maxSessionDuration);
        if (role.permissionsBoundaryArn != null) {
            xml.add(Xml.el("PermissionsBoundary")
                    .add("PermissionsBoundaryType", "Policy")
                    .add("PermissionsBoundaryArn", role.permissionsBoundaryArn));
        }
        if (full && !role.tags.isEmpty()) {
            xml.add(tagsElement(role.tags));
        }
        if (full) {
            xml.add(Xml.el("RoleLastUsed"));
        }
        return xml;
    }

    static Xml tagsElement(Map<String, String> tags) {
        Xml list = Xml.el("Tags");
        tags.forEach((k, v) -> list.add(Xml.el("member").add("Key", k).add("Value", v)));
        return list;
    }

    static Xml policy(ManagedPolicy policy, int attachmentCount) {
        Xml xml = Xml.el("Policy")
                .add("PolicyName", policy.name)
                .add("PolicyId", policy.policyId)
                .add("Arn", policy.arn)
                .add("Path", policy.path)
                .add("DefaultVersionId", policy.defaultVersionId)
                .add("AttachmentCount", attachmentCount)
                .add("PermissionsBoundaryUsageCount", 0)
                .add("IsAttachable", true)
                .add("Description", policy.description)
                .add("CreateDate", date(policy.createDate))
                .add("UpdateDate", date(policy.updateDate));
        if (!policy.tags.isEmpty()) {
            xml.add(tagsElement(policy.tags));
        }
        return xml;
    }

    static Xml policyVersion(ManagedPolicy policy, String versionId, boolean withDocument) {
        Xml xml = Xml.el("PolicyVersion");
        if (withDocument) {
            xml.add("Document", encodeDocument(policy.versions.get(versionId)));
        }
        return xml.add("VersionId", versionId)
                .add("IsDefaultVersion", versionId.equals(policy.defaultVersionId))
                .add("CreateDate", date(policy.versionDates.get(versionId)));
    }
}
