package fi.kivaq.dsr;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Every top-level package is an application module: no cycles between modules, and no module reaches into
 * another's internals. Also writes the module diagrams that the README links (target/spring-modulith-docs).
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(DsrApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
