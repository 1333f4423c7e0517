package afterhours.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The house as ARCHITECTURE.md draws it: the edges (PBX, admin endpoint, command line) stand side by side
 * above the domain, the domain imports no edge and no edge library, no package imports another that
 * imports it back, and the import graph is at most eight layers tall.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("afterhours");

    /** The domain: what the service knows and decides, whatever talks to it. */
    static final String[] DOMAIN = {"afterhours.schedule..", "afterhours.holidays..", "afterhours.line..",
        "afterhours.routing..", "afterhours.calllog..", "afterhours.switching..", "afterhours.audit..",
        "afterhours.users..", "afterhours.store..", "afterhours.config..", "afterhours.report..", "afterhours.json..",
        "afterhours.notify", "afterhours.secrets..", "afterhours.subject.."};

    @Test
    void theDomainImportsNoEdge() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("afterhours.pbx..", "afterhours.admin..",
                        "afterhours.cli..", "afterhours.app..", "afterhours.metrics..")
                .check(MAIN);
    }

    @Test
    void theDomainImportsNoPbxHttpOrCommandLineLibrary() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.asteriskjava..", "io.javalin..", "picocli..",
                        "org.eclipse.jetty..", "jakarta.mail..", "java.net.http..")
                .check(MAIN);
    }

    @Test
    void theEdgesDoNotImportEachOther() {
        noClasses().that().resideInAPackage("afterhours.pbx..")
                .should().dependOnClassesThat().resideInAnyPackage("afterhours.admin..", "afterhours.cli..")
                .check(MAIN);
        noClasses().that().resideInAPackage("afterhours.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("afterhours.pbx..", "afterhours.cli..")
                .check(MAIN);
        noClasses().that().resideInAPackage("afterhours.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("afterhours.pbx..", "afterhours.admin..",
                        "afterhours.app..")
                .check(MAIN);
    }

    /**
     * The admin endpoint reads requests with the domain's own rules and its own request records, never with
     * the configuration file's loader: a request's error speaks of the request, not of the config file.
     */
    @Test
    void theAdminEndpointDoesNotDependOnTheConfiguration() {
        noClasses().that().resideInAPackage("afterhours.admin..")
                .should().dependOnClassesThat().resideInAPackage("afterhours.config..")
                .check(MAIN);
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        slices().matching("afterhours.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theImportGraphIsAtMostEightLayersTall() {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (JavaClass c : MAIN) {
            Set<String> to = imports.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (target.startsWith("afterhours") && !target.equals(c.getPackageName())) {
                    to.add(target);
                }
            }
        }
        Map<String, Integer> layer = new HashMap<>();
        for (String p : imports.keySet()) {
            layerOf(p, imports, layer);
        }
        int tallest = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(tallest).as("layers: %s", new TreeMap<>(layer)).isLessThanOrEqualTo(8);
        assertThat(layer).containsEntry("afterhours.schedule", 1).containsEntry("afterhours.app", tallest);
    }

    /** 1 for a package that imports none of ours, else one more than the tallest it imports (the graph has no loop). */
    private static int layerOf(String p, Map<String, Set<String>> imports, Map<String, Integer> layer) {
        Integer known = layer.get(p);
        if (known != null) {
            return known;
        }
        int l = 1;
        for (String q : imports.getOrDefault(p, Set.of())) {
            l = Math.max(l, layerOf(q, imports, layer) + 1);
        }
        layer.put(p, l);
        return l;
    }
}
