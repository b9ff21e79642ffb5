package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgType;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.StepCall;
import dev.eksirsa.engine.steps.Steps;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Pipeline examples in docs/examples use only steps and arguments the declarations know (parsed with Groovy),
 * and the shared library's irsaBootstrap runs against the sandbox with its step calls bound to the Jenkins-free
 * execution body ({@link StepCall}), the way JenkinsPipelineUnit binds steps.
 */
class PipelineExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    static Stream<Path> groovyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files
                    .filter(f -> f.getFileName().toString().equals("Jenkinsfile")
                            || f.toString().endsWith(".groovy"))
                    .toList()
                    .stream();
        }
    }

    @Test
    void examplesExist() throws IOException {
        assertThat(groovyFiles().map(f -> f.getFileName().toString())).contains("Jenkinsfile", "irsaBootstrap.groovy");
    }

    @ParameterizedTest
    @MethodSource("groovyFiles")
    void example_callsOnlyDeclaredStepsWithDeclaredArguments(Path file) throws IOException {
        // a script's statements are also its class's run() method: a set keeps one report per problem
        java.util.Set<String> problems = new java.util.LinkedHashSet<>();
        List<String> stepCalls = new ArrayList<>();
        ModuleNode module = parse(file);
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String name = call.getMethodAsString();
                Optional<Step<?, ?>> step = name == null ? Optional.empty() : stepNamed(name);
                if (step.isPresent()) {
                    stepCalls.add(name);
                    namedArguments(call)
                            .ifPresentOrElse(
                                    map -> check(step.get().arguments(), map, name, problems),
                                    () -> problems.add(name + " is called without named arguments"));
                } else if (name != null && looksLikeOurs(name)) {
                    problems.add("unknown step " + name + " (declared: " + pipelineNames() + ")");
                }
                super.visitMethodCallExpression(call);
            }
        };
        module.getStatementBlock().visit(visitor);
        module.getClasses().forEach(c -> c.getMethods().forEach(m -> {
            if (m.getCode() != null) {
                m.getCode().visit(visitor);
            }
        }));

        assertThat(stepCalls).as("step calls in " + file).isNotEmpty();
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @Test
    @RunsAgainst(Backend.SANDBOX_SDK)
    void irsaBootstrap_runsAgainstTheSandbox_withStepsBoundToTheExecutionBody() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)))) {
            Map<String, StoredCredentials> credentials = Map.of(
                    "aws-prod",
                    StoredCredentials.keys(
                            sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey(), null),
                    "aws-shared",
                    StoredCredentials.keys(
                            sandbox.secondary().accessKeyId(),
                            sandbox.secondary().secretAccessKey(),
                            null));
            Binding binding = new Binding();
            for (Step<?, ?> step : Steps.all()) {
                binding.setVariable(step.pipelineName(), new Closure<Object>(null) {
                    @SuppressWarnings("unused")
                    public Object doCall(Map<String, Object> arguments) {
                        return new StepCall(step.pipelineName(), arguments, Map.of(), credentials, false)
                                .run(ProgressListener.NONE);
                    }
                });
            }
            Script library = new GroovyShell(binding)
                    .parse(EXAMPLES.resolve("shared-library/vars/irsaBootstrap.groovy")
                            .toFile());

            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> setup = (Map<String, Map<String, Object>>) library.invokeMethod(
                    "call",
                    Map.of(
                            "cluster", "bootstrap",
                            "create", true,
                            "region", sandbox.region(),
                            "endpointUrl", sandbox.awsEndpoint().toString(),
                            "namespace", "harness-delegate-ng",
                            "serviceAccount", "delegate",
                            "credentialsId", "aws-prod",
                            "secondAccountCredentialsId", "aws-shared",
                            "externalId", "bootstrap-ext"));

            assertThat(setup.get("cluster").get("oidcProviderArn")).asString().contains(":oidc-provider/");
            assertThat(setup.get("role").get("roleName")).isEqualTo("bootstrap-harness-delegate-ng-delegate");
            assertThat(setup.get("role").get("targetRoleArns").toString())
                    .contains(sandbox.secondary().accountId() + ":role/bootstrap-cross-account");
            assertThat(setup.toString())
                    .doesNotContain(sandbox.primary().secretAccessKey())
                    .doesNotContain(sandbox.secondary().secretAccessKey());
        }
    }

    private static ModuleNode parse(Path file) throws IOException {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(file.getFileName().toString(), Files.readString(file));
        unit.compile(Phases.CONVERSION);
        return unit.getAST().getModules().get(0);
    }

    private static Optional<Step<?, ?>> stepNamed(String name) {
        return Steps.all().stream().filter(s -> s.pipelineName().equals(name)).findFirst();
    }

    private static List<String> pipelineNames() {
        return Steps.all().stream().map(Step::pipelineName).toList();
    }

    /** Names that would be one of ours if they existed (a typo, a step from a later issue). */
    private static boolean looksLikeOurs(String name) {
        return name.startsWith("eksIrsa")
                || name.startsWith("irsa")
                || name.equals("harnessDelegate")
                || name.equals("verifyIrsa");
    }

    private static Optional<MapExpression> namedArguments(MethodCallExpression call) {
        Expression arguments = call.getArguments();
        if (arguments instanceof TupleExpression tuple
                && tuple.getExpressions().size() == 1
                && tuple.getExpression(0) instanceof MapExpression map) {
            return Optional.of(map);
        }
        return Optional.empty();
    }

    private static void check(ArgumentSet declared, MapExpression map, String path, java.util.Set<String> problems) {
        for (MapEntryExpression entry : map.getMapEntryExpressions()) {
            if (!(entry.getKeyExpression() instanceof ConstantExpression key)) {
                problems.add(path + ": a computed argument name");
                continue;
            }
            String name = String.valueOf(key.getValue());
            Optional<Arg> arg = declared.find(name);
            if (arg.isEmpty()) {
                problems.add(path + "." + name + " is not a declared argument");
                continue;
            }
            Expression value = entry.getValueExpression();
            if (arg.get().type() == ArgType.OBJECT && value instanceof MapExpression nested) {
                check(arg.get().nested(), nested, path + "." + name, problems);
            } else if (arg.get().type() == ArgType.OBJECT_LIST && value instanceof ListExpression list) {
                for (Expression item : list.getExpressions()) {
                    if (item instanceof MapExpression nested) {
                        check(arg.get().nested(), nested, path + "." + name + "[]", problems);
                    }
                }
            }
        }
    }
}
