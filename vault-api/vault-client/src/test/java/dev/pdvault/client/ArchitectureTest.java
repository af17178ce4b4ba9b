package dev.pdvault.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/** The client is what other services put on their class path: the JDK and Jackson, nothing of the vault. */
class ArchitectureTest {

    private static JavaClasses client;

    @BeforeAll
    static void importTheClient() {
        client = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdvault.client");
    }

    @Test
    void importsTheClientClasses() {
        assertThat(client.contain(VaultClient.class)).isTrue();
        assertThat(client.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void theClientUsesOnlyTheJdkAndJackson() {
        classes().that().resideInAPackage("dev.pdvault.client..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pdvault.client..", "java..", "javax.net..", "com.fasterxml.jackson..")
                .check(client);
    }
}
