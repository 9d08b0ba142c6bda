package dev.segmentation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of segmentation-core (DESIGN.md), enforced: no package cycles; {@code data} at the bottom, {@code state}
 * and {@code pipeline} beside it and importing no step package; the step packages ({@code features},
 * {@code scaling}, {@code cluster}, {@code embedding}) below {@code quality}, which is below {@code stability} and
 * {@code evaluation}; the {@code Segmenter} on top; no engine library in core; no public signature exposing an
 * {@code internal} type.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.segmentation");
    }

    private static String[] pkgs(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = "dev.segmentation." + names[i] + "..";
        }
        return out;
    }

    private static final String[] STEPS = pkgs("features", "scaling", "cluster", "embedding");
    private static final DescribedPredicate<JavaClass> ROOT = DescribedPredicate.describe("the root package (Segmenter)",
            c -> c.getPackageName().equals("dev.segmentation"));

    @Test
    void noPackageCycles() {
        slices().matching("dev.segmentation.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void stateAndPipelineImportNoStepPackage() {
        noClasses().that().resideInAnyPackage(pkgs("state", "pipeline", "data", "fit", "internal")).should()
                .dependOnClassesThat().resideInAnyPackage(concat(STEPS, pkgs("quality", "evaluation", "stability",
                        "sim")))
                .orShould().dependOnClassesThat(ROOT).check(core);
        noClasses().that().resideInAnyPackage(pkgs("state", "data", "fit", "internal")).should()
                .dependOnClassesThat().resideInAnyPackage(pkgs("pipeline")).check(core);
    }

    @Test
    void stepPackagesStayBelowQualityEvaluationAndTheSegmenter() {
        noClasses().that().resideInAnyPackage(STEPS).should().dependOnClassesThat()
                .resideInAnyPackage(pkgs("quality", "evaluation", "stability", "sim")).orShould()
                .dependOnClassesThat(ROOT).check(core);
    }

    @Test
    void qualityIsBelowStabilityAndEvaluation() {
        noClasses().that().resideInAnyPackage(pkgs("quality")).should().dependOnClassesThat()
                .resideInAnyPackage(pkgs("evaluation", "stability")).orShould().dependOnClassesThat(ROOT).check(core);
        noClasses().that().resideInAnyPackage(pkgs("stability", "evaluation")).should().dependOnClassesThat(ROOT)
                .check(core);
        noClasses().that().resideInAnyPackage(pkgs("stability")).should().dependOnClassesThat()
                .resideInAnyPackage(pkgs("evaluation")).check(core);
    }

    @Test
    void refreshSitsOnTopAndNothingInCoreImportsIt() {
        noClasses().that().resideOutsideOfPackages(pkgs("refresh")).should().dependOnClassesThat()
                .resideInAnyPackage(pkgs("refresh")).check(core);
    }

    @Test
    void coreUsesNoEngineLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "org.nd4j..",
                "org.apache.spark..", "ml.dmlc..", "dev.segmentation.io..", "dev.segmentation.nn..").check(core);
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        ArchCondition<JavaCodeUnit> notExposeInternal = new ArchCondition<>("not expose an internal type") {
            @Override
            public void check(JavaCodeUnit m, ConditionEvents events) {
                for (JavaClass t : m.getRawParameterTypes()) {
                    if (t.getPackageName().contains(".internal")) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " takes " + t.getName()));
                    }
                }
                if (m.getRawReturnType().getPackageName().contains(".internal")) {
                    events.add(SimpleConditionEvent.violated(m, m.getFullName() + " returns "
                            + m.getRawReturnType().getName()));
                }
            }
        };
        ArchRuleDefinition.codeUnits().that().arePublic().and().areDeclaredInClassesThat().arePublic().and()
                .areDeclaredInClassesThat().resideOutsideOfPackages("..internal..").and()
                .areDeclaredInClassesThat(DescribedPredicate.describe("not nested in a non-public class",
                        c -> !c.getEnclosingClass().isPresent()
                                || c.getEnclosingClass().get().getModifiers().contains(JavaModifier.PUBLIC)))
                .should(notExposeInternal).check(core);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
