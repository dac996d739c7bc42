package io.autoresponder.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rooms of the code base and who may enter which (docs/architecture.md), checked on the compiled main classes.
 * A rule broken here is a design decision to discuss, not a test to adjust.
 */
class RoomRulesTest {

    private static final String ROOT = "io.autoresponder";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertThat(main).as("main classes imported").hasSizeGreaterThan(100);
    }

    @Test
    void handlerAuthorsNeedOnlyTheApi() {
        classes().that().resideInAnyPackage(ROOT + ".api..", ROOT + ".app..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage(ROOT + "..")
                .orShould().onlyDependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("API or outside autoresponder",
                                (JavaClass target) -> !target.getPackageName().startsWith(ROOT + ".")
                                        || target.getPackageName().startsWith(ROOT + ".api")
                                        || target.getPackageName().startsWith(ROOT + ".app")))
                .check(main);
    }

    @Test
    void theResponderNeverReachesIntoTheBroker() {
        noClasses().that().resideInAPackage(ROOT + ".responder..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".broker..", ROOT + ".connector..",
                        ROOT + ".ops..", ROOT + ".app..", ROOT + ".rules..", ROOT + ".console..")
                .check(main);
    }

    @Test
    void theBrokerKnowsNothingOfHandlers() {
        noClasses().that().resideInAPackage(ROOT + ".broker..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".responder..", ROOT + ".connector..",
                        ROOT + ".app..", ROOT + ".api..", ROOT + ".ops..", ROOT + ".rules..", ROOT + ".console..")
                .check(main);
    }

    @Test
    void theRulesAnswerThroughThePipelineNotTheBroker() {
        noClasses().that().resideInAPackage(ROOT + ".rules..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".broker..", ROOT + ".ops..",
                        ROOT + ".app..", ROOT + ".console..")
                .check(main);
    }

    @Test
    void theConsoleOnlyLooksOnNobodyDependsOnIt() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".console..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".console..")
                .check(main);
        noClasses().that().resideInAPackage(ROOT + ".console..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".connector..", ROOT + ".app..",
                        ROOT + ".ops..")
                .check(main);
    }

    @Test
    void sharedVocabularyAndCompatDependOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage(ROOT + ".mqtt..", ROOT + ".compat..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".broker..", ROOT + ".responder..",
                        ROOT + ".connector..", ROOT + ".ops..", ROOT + ".app..", ROOT + ".api..",
                        ROOT + ".rules..", ROOT + ".console..")
                .check(main);
    }

    @Test
    void onlyCompatTouchesDependencyInternals() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".compat..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a dependency's impl or internal package", (JavaClass target) ->
                                !target.getPackageName().startsWith(ROOT + ".")
                                        && target.getPackageName().matches(".*\\.(impl|internal)(\\..*)?")))
                .orShould().callMethod(java.lang.reflect.Field.class, "setAccessible", boolean.class)
                .check(main);
    }

    @Test
    void noCyclesBetweenRooms() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void noPackageHoldsMoreThanTwentyClasses() {
        Map<String, Long> sizes = main.stream().filter(type -> type.isTopLevelClass())
                .filter(type -> !type.getSimpleName().equals("package-info"))
                .filter(type -> !type.getSimpleName().endsWith("Configuration")
                        || !type.getPackageName().startsWith(ROOT + ".connector")) // generated from annotations
                .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new, Collectors.counting()));
        assertThat(sizes).allSatisfy((pkg, count) -> assertThat(count).as(pkg).isLessThanOrEqualTo(20));
    }
}
