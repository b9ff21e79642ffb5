package dev.eksirsa.engine.aws.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** An IAM policy document: a version and its statements. JSON lives in {@link PolicyJson}. */
public record PolicyDocument(String version, List<PolicyStatement> statements) {
    public static final String VERSION = "2012-10-17";

    public PolicyDocument {
        version = version == null ? VERSION : version;
        if (!version.equals(VERSION) && !version.equals("2008-10-17")) {
            throw new MalformedPolicyException("Version must be 2012-10-17 or 2008-10-17");
        }
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(List<PolicyStatement> statements) {
        return new PolicyDocument(VERSION, statements);
    }

    public static PolicyDocument parse(String json) {
        return PolicyJson.parse(json);
    }

    public String toJson() {
        return PolicyJson.write(this);
    }

    /** The document as String/List/Map values, for result maps. */
    public Map<String, Object> toMap() {
        return PolicyJson.toMap(this);
    }

    public List<PolicyStatement> ours() {
        return filter(PolicyStatement::ours);
    }

    public List<PolicyStatement> notOurs() {
        return filter(s -> !s.ours());
    }

    public PolicyDocument withStatements(List<PolicyStatement> value) {
        return new PolicyDocument(version, value);
    }

    /** IAM counts policy sizes without white space. */
    public int size() {
        return PolicyJson.nonWhitespaceLength(toJson());
    }

    private List<PolicyStatement> filter(Predicate<PolicyStatement> predicate) {
        List<PolicyStatement> out = new ArrayList<>();
        statements.stream().filter(predicate).forEach(out::add);
        return out;
    }
}
