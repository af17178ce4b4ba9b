package dev.pdvault.crypto;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static JavaClasses crypto;

    @BeforeAll
    static void importCrypto() {
        crypto = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdvault.crypto");
    }

    @Test
    void importsTheCryptoClasses() {
        assertThat(crypto.contain(DataKeys.class)).isTrue();
        assertThat(crypto.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void cryptoDependsOnNoFramework() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.pdvault.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..");
        rule.check(crypto);
    }

    @Test
    void cryptoDependsOnNoOtherVaultModule() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.pdvault.crypto..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.pdvault.domain..", "dev.pdvault.projections..", "dev.pdvault.api..");
        rule.check(crypto);
    }
}
