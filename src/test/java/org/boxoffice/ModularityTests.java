package org.boxoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {
    private final ApplicationModules modules = ApplicationModules.of(BoxofficeApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicFaceAndHaveNoCycles() {
        modules.verify();
    }

    /** Browse asks the catalog and the inventory; the catalog, below both, asks no other business module (no call back into the inventory). */
    @Test
    void theCatalogUsesOnlyTheKernelAndTheInfrastructure() {
        ApplicationModule catalog = modules.getModuleByName("catalog").orElseThrow();
        List<String> used = modules.stream().filter(other -> other != catalog)
                .filter(other -> catalog.getDirectDependencies(modules).contains(other))
                .map(ApplicationModule::getName).toList();
        assertThat(used).containsExactlyInAnyOrder("infrastructure", "shared");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
