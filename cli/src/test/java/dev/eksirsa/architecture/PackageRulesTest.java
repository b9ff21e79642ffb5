package dev.eksirsa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE_GUIDE.md, checked on the production classes of every module (the cli module's test
 * classpath sees them all). Rules over packages that have no classes yet pass.
 */
class PackageRulesTest {

    private static final String[] JENKINS = {"jenkins..", "hudson..", "org.jenkinsci..", "org.kohsuke.stapler.."};
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(.*secret.*|.*password.*|.*apikey|.*privatekey|jwt|token|.*(session|bearer|identity|delegate|access|auth|api)token)");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.eksirsa");
    }

    @Test
    void engine_importsNoJenkinsPicocliSandboxOrCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.eksirsa.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JENKINS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "dev.eksirsa.sandbox..", "dev.eksirsa.cli..", "dev.eksirsa.plugin..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void engine_readsNoProcessEnvironmentOrSystemProperty() {
        noClasses()
                .that()
                .resideInAPackage("dev.eksirsa.engine..")
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .orShould()
                .callMethod(System.class, "getProperty", String.class)
                .orShould()
                .callMethod(System.class, "getProperty", String.class, String.class)
                .orShould()
                .callMethod(System.class, "getProperties")
                .orShould()
                .callMethod(Boolean.class, "getBoolean", String.class)
                .orShould()
                .callMethod(Integer.class, "getInteger", String.class)
                .because("callers pass the environment in (in Jenkins, the build's), see StepContext")
                .check(production);
    }

    @Test
    void stepPackages_useNoSdkOrFabric8ClientTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.eksirsa.engine.api..",
                        "dev.eksirsa.engine.role..",
                        "dev.eksirsa.engine.steps..",
                        "dev.eksirsa.engine.delegate..",
                        "dev.eksirsa.engine.verify..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "io.fabric8.kubernetes.client..")
                .because("SDK and fabric8 client types stay inside engine.aws and engine.kube")
                .check(production);
    }

    @Test
    void sandbox_importsNoEngineCliJenkinsOrPicocli() {
        noClasses()
                .that()
                .resideInAPackage("dev.eksirsa.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.eksirsa.engine..", "dev.eksirsa.cli..", "dev.eksirsa.plugin..", "picocli..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(JENKINS)
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void productionCode_neverUsesTheTestkit() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.eksirsa.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.eksirsa.testkit..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void modules_haveNoCycles() {
        slices().matching("dev.eksirsa.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void enginePackages_haveNoCycles() {
        slices().matching("dev.eksirsa.engine.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void sandboxPackages_haveNoCycles() {
        slices().matching("dev.eksirsa.sandbox.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void recordsHoldingSecrets_overrideToString() {
        classes()
                .that(areRecordsWithSecretComponents())
                .should(declareToString())
                .allowEmptyShould(true)
                .check(production);
    }

    private static DescribedPredicate<JavaClass> areRecordsWithSecretComponents() {
        return DescribedPredicate.describe(
                "are records with a secret-looking component (secret, password, API or private key, JWT, session/bearer token)",
                javaClass -> javaClass.isRecord()
                        && javaClass.getFields().stream()
                                .filter(field -> !field.getModifiers().contains(JavaModifier.STATIC))
                                .map(JavaField::getName)
                                .anyMatch(name -> SECRET_FIELD.matcher(name).matches()));
    }

    private static ArchCondition<JavaClass> declareToString() {
        return new ArchCondition<>("declare a redacting toString()") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                // javac generates a final toString() that reads no field; a written one reads one or is not final
                boolean declares = javaClass.getMethods().stream()
                        .filter(method -> method.getName().equals("toString"))
                        .filter(method -> method.getRawParameterTypes().isEmpty())
                        .anyMatch(method -> !method.getModifiers().contains(JavaModifier.FINAL)
                                || !method.getFieldAccesses().isEmpty()
                                || !method.getMethodCallsFromSelf().isEmpty());
                if (!declares) {
                    events.add(SimpleConditionEvent.violated(
                            javaClass, javaClass.getName() + " holds a secret but keeps the record's toString()"));
                }
            }
        };
    }
}
