package dev.eksirsa.engine.api;

import java.net.URI;
import java.util.regex.Pattern;

/** The input rules shared by specs; each failure names the field and the rule. */
public final class InputRules {
    public static final String PARTITIONS = "aws|aws-cn|aws-us-gov";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");
    private static final Pattern K8S_VERSION = Pattern.compile("1\\.[0-9]{1,3}");
    /** The one role-ARN grammar: a path of printable ASCII segments, then a name of 1-64 of IAM's characters. */
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:(" + PARTITIONS + "):iam::[0-9]{12}:role/(?:[\\x21-\\x7E&&[^/]]+/)*[\\w+=,.@-]{1,64}");

    private static final Pattern PRINCIPAL_ARN =
            Pattern.compile("arn:(" + PARTITIONS + "):iam::[0-9]{12}:(role|user)/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern NODEGROUP_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,62}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** sts:ExternalId: AWS's AssumeRole allows 2-1224 of these characters. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}");

    private InputRules() {}

    public static String clusterName(String field, String value) {
        return match(field, value, CLUSTER_NAME, "1-100 letters, digits, '-' or '_', starting with a letter or digit");
    }

    public static String region(String field, String value) {
        return match(field, value, REGION, "an AWS region such as us-east-1, cn-north-1 or us-gov-west-1");
    }

    public static String kubernetesVersion(String field, String value) {
        return match(field, value, K8S_VERSION, "a Kubernetes minor version such as 1.31");
    }

    public static String roleArn(String field, String value) {
        return match(field, value, ROLE_ARN, "an IAM role ARN arn:(" + PARTITIONS + "):iam::<12 digits>:role/<name>");
    }

    public static boolean isRoleArn(String value) {
        return value != null && ROLE_ARN.matcher(value).matches();
    }

    public static String principalArn(String field, String value) {
        return match(
                field,
                value,
                PRINCIPAL_ARN,
                "an IAM role or user ARN arn:(" + PARTITIONS + "):iam::<12 digits>:(role|user)/<name>");
    }

    public static String subnetId(String field, String value) {
        return match(field, value, SUBNET_ID, "a subnet id subnet-[0-9a-f]{8,17}");
    }

    public static String securityGroupId(String field, String value) {
        return match(field, value, SECURITY_GROUP_ID, "a security group id sg-[0-9a-f]{8,17}");
    }

    public static String nodegroupName(String field, String value) {
        return match(field, value, NODEGROUP_NAME, "1-63 letters, digits, '-' or '_', starting with a letter or digit");
    }

    public static String instanceType(String field, String value) {
        return match(field, value, INSTANCE_TYPE, "an EC2 instance type such as t3.medium");
    }

    public static String sessionName(String field, String value) {
        return match(field, value, SESSION_NAME, "2-64 characters of letters, digits and +=,.@_-");
    }

    /** An sts:ExternalId, or null for none. */
    public static String externalId(String field, String value) {
        if (value != null && !EXTERNAL_ID.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be 2-1224 characters of letters, digits and +=,.@:/-");
        }
        return value;
    }

    public static void tag(String field, String key, String value) {
        String allowed = "letters, digits, spaces and _.:/=+-@";
        if (key == null || key.isEmpty() || key.length() > 128) {
            throw new InvalidInputException(field, "tag keys are 1-128 characters");
        }
        if (key.startsWith("aws:")) {
            throw new InvalidInputException(field, "tag keys must not start with aws: (reserved by AWS)");
        }
        if (!TAG_KEY.matcher(key).matches()) {
            throw new InvalidInputException(field, "tag keys may hold only " + allowed);
        }
        if (value == null || value.length() > 256) {
            throw new InvalidInputException(field, "tag values are 0-256 characters");
        }
        if (!TAG_VALUE.matcher(value).matches()) {
            throw new InvalidInputException(field, "tag values may hold only " + allowed);
        }
    }

    /** An OIDC issuer must be an https URL with a host and no query or fragment. */
    public static URI httpsIssuer(String field, String value) {
        String rule = "an https URL with a host, without query or fragment";
        if (value == null) {
            throw new InvalidInputException(field, rule);
        }
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme())
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || uri.getUserInfo() != null) {
                throw new InvalidInputException(field, rule);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException(field, rule);
        }
    }

    private static String match(String field, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be " + rule);
        }
        return value;
    }
}
