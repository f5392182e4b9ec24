package org.kycsuite.localcloud.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the local cloud, so they keep holding: no cycles between its packages, the Step
 * Functions engine does not know its API, the ASL interpreter knows nothing of the emulator around it,
 * and the foundations (HTTP edge, storage, the SQS embedding, the Step Functions store) depend on no
 * AWS service built on them.
 */
class LayoutTest {

    private static final String ROOT = "org.kycsuite.localcloud";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void thePackagesOfTheEmulatorAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theStepFunctionsEngineDoesNotKnowItsApi() {
        noClasses().that().resideInAPackage(ROOT + ".sfn")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".sfn.api..")
                .check(classes);
    }

    @Test
    void theAslInterpreterImportsNothingElseOfTheEmulator() {
        noClasses().that().resideInAPackage(ROOT + ".sfn.asl..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(resideOutsideOfPackage(ROOT + ".sfn.asl..")))
                .check(classes);
    }

    @Test
    void theEdgeAndTheStoresDependOnNoServiceBuiltOnThem() {
        for (String foundation : new String[] {"edge", "store"}) {
            noClasses().that().resideInAPackage(ROOT + "." + foundation + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bus..", ROOT + ".rule..",
                            ROOT + ".archive..", ROOT + ".eventbridge..", ROOT + ".delivery..", ROOT + ".sqs..",
                            ROOT + ".sfn..", ROOT + ".target..", ROOT + ".template..", ROOT + ".cli..")
                    .check(classes);
        }
    }

    @Test
    void sqsAndTheStepFunctionsStoreBuildOnlyOnTheStores() {
        noClasses().that().resideInAPackage(ROOT + ".sqs..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bus..", ROOT + ".rule..",
                        ROOT + ".archive..", ROOT + ".delivery..", ROOT + ".sfn..", ROOT + ".target..",
                        ROOT + ".template..", ROOT + ".edge..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".sfn.store..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".bus..", ROOT + ".rule..",
                        ROOT + ".archive..", ROOT + ".delivery..", ROOT + ".sqs..", ROOT + ".sfn.api..",
                        ROOT + ".sfn.asl..", ROOT + ".sfn.integrations..", ROOT + ".target..", ROOT + ".template..")
                .check(classes);
    }
}
