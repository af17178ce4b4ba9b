package dev.pdvault.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pdvault.domain.subject.command.DataSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdvault.domain");
    }

    @Test
    void importsTheDomainClassesOnly() {
        assertThat(domain.contain(DataSubject.class)).isTrue();
        assertThat(domain.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void domainDependsOnNoSpringAndNoJdbc() {
        noClasses().that().resideInAPackage("dev.pdvault.domain..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(domain);
    }

    @Test
    void domainDependsOnNoOuterModule() {
        noClasses().that().resideInAPackage("dev.pdvault.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pdvault.projections..", "dev.pdvault.api..")
                .check(domain);
    }

    @Test
    void domainUsesOnlyTheTopLevelCryptoPackage() {
        noClasses().that().resideInAPackage("dev.pdvault.domain..")
                .should().dependOnClassesThat(resideInAPackage("dev.pdvault.crypto..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAPackage("dev.pdvault.crypto"))))
                .as("domain classes should use only the top-level package dev.pdvault.crypto")
                .check(domain);
    }
}
