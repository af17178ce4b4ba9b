package dev.pdvault.projections;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Projections read events, never aggregates, and know nothing of the web application. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pdvault.projections");

    @Test
    void importsSomething() {
        assertThat(classes).isNotEmpty();
    }

    @Test
    void projectionsNeverUseAnAggregate() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.pdvault.domain..command..").check(classes);
    }

    @Test
    void projectionsDoNotKnowTheApplication() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.pdvault.api..", "org.springframework.web..",
                "org.springframework.boot..").check(classes);
    }

    @Test
    void projectionsNeverOpenSealedValues() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.pdvault.crypto.DataKey")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.pdvault.crypto.DataKeys")
                .check(classes);
    }
}
