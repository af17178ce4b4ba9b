package dev.pdvault.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application wires everything, but only its configuration touches aggregates; everything else talks to
 * them through commands. Every endpoint names the roles it admits.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pdvault.api");

    @Test
    void importsSomething() {
        assertThat(classes).isNotEmpty();
    }

    @Test
    void onlyConfigurationTouchesAggregates() {
        noClasses().that().resideOutsideOfPackage("dev.pdvault.api.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.pdvault.domain..command..").check(classes);
    }

    @Test
    void everyEndpointNamesItsRoles() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class).and().arePublic()
                .and().areAnnotatedWith(org.springframework.web.bind.annotation.RequestMapping.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.GetMapping.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.PostMapping.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.PutMapping.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.DeleteMapping.class)
                .should().beAnnotatedWith(dev.pdvault.api.security.Allowed.class).check(classes);
    }
}
