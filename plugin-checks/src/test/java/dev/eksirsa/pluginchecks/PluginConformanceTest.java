package dev.eksirsa.pluginchecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.eksirsa.engine.api.Arg;
import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.steps.Step;
import dev.eksirsa.engine.steps.Steps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Jenkins' own plugin build would check, done here by reading plugin/src as files: the steps' and builders'
 * constructor and setter names and types are the engine's declarations, the function names are the fixed ones,
 * every field has help, every jelly file is well-formed and names only existing fields, and every form method is
 * {@code @POST} with a permission check.
 */
class PluginConformanceTest {
    private static final Map<String, CompilationUnit> SOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        try (Stream<Path> files = Files.list(PluginForms.SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                SOURCES.put(name, StaticJavaParser.parse(file));
            }
        }
    }

    static List<String> describables() {
        List<String> classes = new ArrayList<>(PluginForms.classes());
        classes.addAll(PluginForms.BUILDERS.values());
        return classes;
    }

    @Test
    void functionNames_areTheFixedOnesOfTheEngine() {
        Set<String> declared = new TreeSet<>();
        for (CompilationUnit unit : SOURCES.values()) {
            unit.findAll(MethodDeclaration.class, m -> m.getNameAsString().equals("getFunctionName"))
                    .forEach(m -> m.findAll(ReturnStmt.class).forEach(r -> r.getExpression()
                            .filter(StringLiteralExpr.class::isInstance)
                            .map(e -> ((StringLiteralExpr) e).getValue())
                            .ifPresent(declared::add)));
        }
        assertThat(declared)
                .containsExactlyInAnyOrderElementsOf(
                        Steps.all().stream().map(Step::pipelineName).toList())
                .contains("eksIrsaCluster", "irsaRole");
    }

    @ParameterizedTest
    @MethodSource("describables")
    void fields_areTheDeclaredArguments_withTheirTypes(String cls) {
        ArgumentSet declared = declarationsOf(cls);
        Map<String, String> constructor = constructorParameters(cls);
        Map<String, String> setters = setters(cls);

        Map<String, String> expected = new LinkedHashMap<>();
        declared.args().forEach(a -> expected.put(a.name(), javaType(a)));
        Map<String, String> actual = new LinkedHashMap<>(setters);
        actual.putAll(constructor);
        assertThat(actual).as(cls + ": name → type").containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(constructor.keySet())
                .as(cls + ": the @DataBoundConstructor takes exactly the required arguments")
                .containsExactlyInAnyOrderElementsOf(declared.args().stream()
                        .filter(Arg::required)
                        .map(Arg::name)
                        .toList());
        constructor.keySet().forEach(required -> assertThat(setters)
                .as(cls + ": required " + required + " has no setter")
                .doesNotContainKey(required));
    }

    @ParameterizedTest
    @MethodSource("describables")
    void everyField_hasItsHelp(String cls) {
        String helpOwner = PluginForms.BUILDERS.entrySet().stream()
                .filter(e -> e.getValue().equals(cls))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(cls);
        for (Arg arg : declarationsOf(cls).args()) {
            Path help = PluginForms.RESOURCES.resolve(helpOwner).resolve("help-" + arg.name() + ".html");
            assertThat(help).as(cls + "." + arg.name()).exists();
        }
    }

    @Test
    void everyJellyFile_isWellFormed_andNamesOnlyExistingFields() throws Exception {
        List<Path> jelly;
        try (Stream<Path> files = Files.walk(PluginForms.PLUGIN.resolve("src/main/resources"))) {
            jelly = files.filter(f -> f.toString().endsWith(".jelly")).toList();
        }
        assertThat(jelly).isNotEmpty();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path file : jelly) {
            Element root;
            try (InputStream in = Files.newInputStream(file)) {
                root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            }
            String owner = file.getParent().getFileName().toString();
            Set<String> properties = properties(owner);
            NodeList all = root.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.hasAttribute("field")) {
                    assertThat(properties)
                            .as(file + " names field " + e.getAttribute("field"))
                            .contains(e.getAttribute("field"));
                }
                if (e.getTagName().equals("st:include") && e.hasAttribute("class")) {
                    String included = e.getAttribute("class").replace("io.jenkins.plugins.eksirsa.", "");
                    assertThat(SOURCES).as(file + " includes " + included).containsKey(included);
                    assertThat(properties(included))
                            .as(owner + " has the fields of the form it includes")
                            .isEqualTo(properties);
                }
            }
        }
    }

    @Test
    void everyFormMethod_isPost_andChecksAPermission() {
        List<String> methods = new ArrayList<>();
        for (Map.Entry<String, CompilationUnit> unit : SOURCES.entrySet()) {
            for (MethodDeclaration m :
                    unit.getValue().findAll(MethodDeclaration.class, PluginConformanceTest::isFormMethod)) {
                String where = unit.getKey() + "." + m.getNameAsString();
                methods.add(where);
                assertThat(m.getAnnotationByName("POST"))
                        .as(where + " has @POST")
                        .isPresent();
                String body = m.getBody().map(Object::toString).orElse("");
                assertThat(body)
                        .as(where + " checks a permission")
                        .containsAnyOf("checkPermission(", "hasPermission(", "FormAccess.");
            }
        }
        // FormAccess's own entry points check permissions first
        CompilationUnit access = SOURCES.get("FormAccess");
        for (String name : List.of("check", "credentials", "regions", "choices")) {
            String body = access.findAll(
                            MethodDeclaration.class, m -> m.getNameAsString().equals(name))
                    .get(0)
                    .getBody()
                    .orElseThrow()
                    .toString();
            assertThat(body).as("FormAccess." + name).containsAnyOf("canConfigure(", "canListCredentials(");
        }
        assertThat(methods)
                .contains(
                        "EksIrsaGlobalConfiguration.doTestConnection",
                        "IrsaRoleStep.doFillCredentialsIdItems",
                        "IrsaRoleBuilder.doFillCredentialsIdItems",
                        "TargetConnection.doFillCredentialsIdItems");
    }

    @Test
    void theTestConnectionButton_isForAdministratorsOnly() {
        MethodDeclaration test = SOURCES.get("EksIrsaGlobalConfiguration")
                .findAll(MethodDeclaration.class, m -> m.getNameAsString().equals("doTestConnection"))
                .get(0);
        assertThat(test.getBody().orElseThrow().toString()).contains("checkPermission(Jenkins.ADMINISTER)");
    }

    private static boolean isFormMethod(MethodDeclaration m) {
        String name = m.getNameAsString();
        return name.startsWith("doCheck") || name.startsWith("doFill") || name.startsWith("doTest");
    }

    private static ArgumentSet declarationsOf(String cls) {
        String owner = PluginForms.BUILDERS.entrySet().stream()
                .filter(e -> e.getValue().equals(cls))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(cls);
        return PluginForms.DESCRIBABLES.get(owner);
    }

    /** The Java type a field of this declaration has in a step, builder or nested describable. */
    private static String javaType(Arg arg) {
        return switch (arg.type()) {
            case STRING, DURATION -> "String";
            case BOOLEAN -> arg.defaultValue() == null ? "Boolean" : "boolean";
            case INTEGER -> "Integer";
            case LIST -> "List<String>";
            case MAP, DOCUMENTS, OBJECT_LIST -> "List<" + PluginForms.nestedClass(arg) + ">";
            case OBJECT -> PluginForms.nestedClass(arg);
        };
    }

    private static ClassOrInterfaceDeclaration type(String cls) {
        CompilationUnit unit = SOURCES.get(cls);
        assertThat(unit).as("plugin/src has " + cls).isNotNull();
        return unit.getClassByName(cls).orElseThrow();
    }

    private static Map<String, String> constructorParameters(String cls) {
        List<ConstructorDeclaration> bound = type(cls).getConstructors().stream()
                .filter(c -> c.getAnnotationByName("DataBoundConstructor").isPresent())
                .toList();
        assertThat(bound).as(cls + " has one @DataBoundConstructor").hasSize(1);
        Map<String, String> params = new LinkedHashMap<>();
        for (Parameter p : bound.get(0).getParameters()) {
            params.put(p.getNameAsString(), p.getTypeAsString());
        }
        return params;
    }

    /** @DataBoundSetter methods of the class and its superclasses within the plugin. */
    private static Map<String, String> setters(String cls) {
        Map<String, String> setters = new LinkedHashMap<>();
        Optional<ClassOrInterfaceDeclaration> current = Optional.of(type(cls));
        while (current.isPresent()) {
            for (MethodDeclaration m : current.get().getMethods()) {
                if (m.getAnnotationByName("DataBoundSetter").isPresent()) {
                    assertThat(m.getNameAsString()).startsWith("set");
                    assertThat(m.getParameters()).hasSize(1);
                    String name = Character.toLowerCase(m.getNameAsString().charAt(3))
                            + m.getNameAsString().substring(4);
                    assertThat(name)
                            .as(cls + "." + m.getNameAsString() + " parameter name")
                            .isEqualTo(m.getParameter(0).getNameAsString());
                    setters.put(name, m.getParameter(0).getTypeAsString());
                }
            }
            current = current.get().getExtendedTypes().stream()
                    .map(t -> t.getNameAsString())
                    .filter(SOURCES::containsKey)
                    .findFirst()
                    .map(PluginConformanceTest::type);
        }
        return setters;
    }

    private static Set<String> properties(String cls) {
        if (!SOURCES.containsKey(cls)) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>(setters(cls).keySet());
        if (type(cls).getConstructors().stream()
                .anyMatch(c -> c.getAnnotationByName("DataBoundConstructor").isPresent())) {
            names.addAll(constructorParameters(cls).keySet());
        }
        // the global configuration binds its fields by @DataBoundSetter too
        return names.stream().collect(Collectors.toCollection(TreeSet::new));
    }
}
