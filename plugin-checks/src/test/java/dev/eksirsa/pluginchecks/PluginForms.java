package dev.eksirsa.pluginchecks;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.ConnectionArgs;
import dev.eksirsa.engine.role.IrsaRoleArgs;
import dev.eksirsa.engine.steps.Steps;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugin's forms and field help, generated from the engine's argument declarations: one form per operation
 * (the Pipeline step's; its builder includes it), one help file per field. {@link PluginFormsTest} fails when a
 * file differs; {@code -Deksirsa.updateDocs=true} rewrites them.
 */
final class PluginForms {
    static final Path PLUGIN = Path.of("..", "plugin");
    static final Path RESOURCES = PLUGIN.resolve("src/main/resources/io/jenkins/plugins/eksirsa");
    static final Path SOURCES = PLUGIN.resolve("src/main/java/io/jenkins/plugins/eksirsa");

    /** The plugin's describables and the declarations they hold: Pipeline steps, then nested ones. */
    static final Map<String, ArgumentSet> DESCRIBABLES = describables();

    /** Each Pipeline step class, its freestyle builder, and the engine step they run. */
    static final Map<String, String> BUILDERS = Map.of(
            "EksIrsaClusterStep", "EksIrsaClusterBuilder",
            "IrsaRoleStep", "IrsaRoleBuilder",
            "HarnessDelegateStep", "HarnessDelegateBuilder");

    /** Connection arguments that stay folded under "Advanced" (region and credentials are always shown). */
    private static final Set<String> ADVANCED =
            Set.of("profile", "endpointUrl", "roleArn", "externalId", "sessionName", "duration", "timeout");

    private static final String HEADER = "<?jelly escape-by-default='true'?>\n"
            + "<!-- Generated from the engine's argument declarations; PluginFormsTest checks it,"
            + " ./mvnw -pl plugin-checks test -Deksirsa.updateDocs=true rewrites it. -->\n";

    private PluginForms() {}

    private static Map<String, ArgumentSet> describables() {
        Map<String, ArgumentSet> map = new LinkedHashMap<>();
        map.put("EksIrsaClusterStep", Steps.CLUSTER.arguments());
        map.put("IrsaRoleStep", Steps.ROLE.arguments());
        map.put("HarnessDelegateStep", Steps.DELEGATE.arguments());
        map.put("VerifyIrsaStep", Steps.VERIFY.arguments());
        map.put("TargetRole", IrsaRoleArgs.TARGET_ROLE);
        map.put("TargetConnection", ConnectionArgs.TARGET);
        map.put(
                "CredentialsEnvNames",
                ConnectionArgs.TARGET.get("credentialsEnv").nested());
        return map;
    }

    /** The nested describable class that holds an OBJECT or OBJECT_LIST argument, or a MAP/DOCUMENTS entry. */
    static String nestedClass(Arg arg) {
        return switch (arg.name()) {
            case "targetRoles" -> "TargetRole";
            case "connection" -> "TargetConnection";
            case "credentialsEnv" -> "CredentialsEnvNames";
            default -> switch (arg.type()) {
                case MAP -> "KeyValue";
                case DOCUMENTS -> "InlinePolicy";
                default -> null;
            };
        };
    }

    /** Every generated file, relative to the plugin's resources folder, with its content. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        DESCRIBABLES.forEach((cls, args) -> {
            files.put(cls + "/config.jelly", form(args));
            for (Arg arg : args.args()) {
                files.put(cls + "/help-" + arg.name() + ".html", help(arg));
            }
        });
        BUILDERS.forEach((step, builder) -> files.put(
                builder + "/config.jelly",
                HEADER + "<j:jelly xmlns:j=\"jelly:core\" xmlns:st=\"jelly:stapler\">\n"
                        + "  <st:include page=\"config.jelly\" class=\"io.jenkins.plugins.eksirsa." + step + "\"/>\n"
                        + "</j:jelly>\n"));
        return files;
    }

    static String form(ArgumentSet args) {
        StringBuilder main = new StringBuilder();
        StringBuilder advanced = new StringBuilder();
        for (Arg arg : args.args()) {
            (ADVANCED.contains(arg.name()) && args.find("timeout").isPresent() ? advanced : main).append(entry(arg));
        }
        StringBuilder out = new StringBuilder(HEADER);
        out.append("<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\" xmlns:c=\"/lib/credentials\">\n");
        out.append(main);
        if (!advanced.isEmpty()) {
            out.append("  <f:advanced>\n").append(advanced.toString().indent(2)).append("  </f:advanced>\n");
        }
        return out.append("</j:jelly>\n").toString();
    }

    private static String entry(Arg arg) {
        String field = arg.name();
        String title = title(arg.name());
        String control =
                switch (arg.type()) {
                    case STRING -> switch (field) {
                        case "credentialsId" -> "<c:select/>";
                        case "region", "state" -> "<f:select/>";
                        case "description" -> "<f:textarea/>";
                        default -> "<f:textbox" + defaultAttribute(arg) + "/>";
                    };
                    case DURATION -> "<f:textbox/>";
                        // no default value in the control: a form would save it back as given (the help shows the
                        // default)
                    case INTEGER -> "<f:number/>";
                    case BOOLEAN -> arg.defaultValue() == null
                            ? "<f:select/>"
                            : "<f:checkbox default=\"" + arg.defaultValue() + "\"/>";
                    case LIST -> "<f:textarea value=\"${descriptor.lines(instance." + field + ")}\"/>";
                    case MAP, DOCUMENTS, OBJECT_LIST -> "<f:repeatableProperty field=\"" + field + "\" add=\"Add\"/>";
                    case OBJECT -> arg.required() ? "<f:property field=\"" + field + "\"/>" : null;
                };
        if (control == null) {
            return "  <f:optionalProperty field=\"" + field + "\" title=\"" + title + "\"/>\n";
        }
        return "  <f:entry field=\"" + field + "\" title=\"" + title + "\">\n    " + control + "\n  </f:entry>\n";
    }

    private static String defaultAttribute(Arg arg) {
        return arg.defaultValue() == null ? "" : " default=\"" + arg.defaultValue() + "\"";
    }

    static String help(Arg arg) {
        StringBuilder out =
                new StringBuilder("<div>\n  ").append(escape(arg.description())).append('\n');
        if (!arg.defaultText().isEmpty()) {
            out.append("  <p>Default: ").append(escape(arg.defaultText())).append(".</p>\n");
        }
        if (arg.required()) {
            out.append("  <p>Required.</p>\n");
        }
        out.append("  <p>Pipeline: <code>")
                .append(arg.name())
                .append(": ")
                .append(example(arg.type()))
                .append("</code></p>\n</div>\n");
        return out.toString();
    }

    private static String example(ArgType type) {
        return switch (type) {
            case STRING -> "'…'";
            case BOOLEAN -> "true";
            case INTEGER -> "1";
            case DURATION -> "'20m'";
            case LIST -> "['…', '…']";
            case MAP -> "[key: 'value']";
            case DOCUMENTS -> "[name: '{…json…}']";
            case OBJECT -> "[…]";
            case OBJECT_LIST -> "[[…], […]]";
        };
    }

    /** {@code kubernetesVersion} → {@code Kubernetes version}; ARN, OIDC, STS, URL and ID in capitals. */
    static String title(String name) {
        String spaced = name.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (String word : spaced.split(" ")) {
            String w =
                    switch (word) {
                        case "arn", "oidc", "sts", "url", "id" -> word.toUpperCase(java.util.Locale.ROOT);
                        case "arns" -> "ARNs";
                        case "ids" -> "IDs";
                        default -> word;
                    };
            out.append(out.isEmpty() ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static List<String> classes() {
        return List.copyOf(DESCRIBABLES.keySet());
    }
}
