package dev.clusterboot.architecture;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages are features, and the dependencies between them follow one map: the
 * application's API at the bottom, the bounds of the properties and the channel between
 * master and workers above it, the features on top of those, the startup that wires the
 * master, and Boot's glue over everything. A feature uses another only where the map below
 * says so, and never the glue. Checked on every build, so that it stays true.
 */
class PackageDependencyTests {

	private static final String ROOT = "dev.clusterboot.";

	private static final List<String> FEATURES = List.of("supervision", "agent", "launch", "priority", "warmup",
			"messages", "leadership", "caches", "statewarnings", "portgroup", "leanmaster", "steering");

	/**
	 * Which features each feature may use, besides the API, the properties' bounds and
	 * the channel. Every other pair is forbidden.
	 */
	private static final Map<String, Set<String>> FEATURE_USES = Map.ofEntries(
			// the master's loop drives the master side of these features; steering: it follows the port's group and sends its programs
			Map.entry("supervision", Set.of("messages", "priority", "statewarnings", "steering")),
			// a worker's agent joins the port when a standby is promoted
			Map.entry("agent", Set.of("portgroup")),
			// the launcher is the master's WorkerLauncher; the AOT cache trains on the warm-up
			Map.entry("launch", Set.of("supervision", "warmup")),
			Map.entry("priority", Set.of()),
			// a warmed-up worker joins the port
			Map.entry("warmup", Set.of("portgroup")),
			Map.entry("messages", Set.of()),
			Map.entry("leadership", Set.of()),
			// the local-cache detector is a state-warning detector
			Map.entry("caches", Set.of("statewarnings")),
			Map.entry("statewarnings", Set.of()),
			Map.entry("portgroup", Set.of()),
			// shrinks the master once its workers are up
			Map.entry("leanmaster", Set.of("supervision")),
			Map.entry("steering", Set.of()));

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.clusterboot");

	@Test
	void layersOnlyUseTheLayersBelowThem() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("API")
			.definedBy(ROOT + "api..")
			.layer("Properties")
			.definedBy(ROOT + "properties..")
			.layer("Channel")
			.definedBy(ROOT + "channel..")
			.layer("Features")
			.definedBy(FEATURES.stream().map((feature) -> ROOT + feature + "..").toArray(String[]::new))
			.layer("Startup")
			.definedBy(ROOT + "startup..")
			.layer("Boot glue")
			.definedBy(ROOT + "autoconfigure..", ROOT + "actuate..", ROOT + "metrics..")
			.whereLayer("Boot glue")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Startup")
			.mayOnlyBeAccessedByLayers("Boot glue")
			.whereLayer("Features")
			.mayOnlyBeAccessedByLayers("Startup", "Boot glue")
			.whereLayer("Channel")
			.mayOnlyBeAccessedByLayers("Features", "Startup", "Boot glue")
			.whereLayer("Properties")
			.mayOnlyBeAccessedByLayers("Channel", "Features", "Startup", "Boot glue")
			.check(classes);
	}

	@Test
	void featuresUseOtherFeaturesOnlyAsTheMapSays() {
		for (String feature : FEATURES) {
			Set<String> allowed = FEATURE_USES.get(feature);
			String[] forbidden = FEATURES.stream()
				.filter((other) -> !other.equals(feature) && !allowed.contains(other))
				.map((other) -> ROOT + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage(ROOT + feature + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(forbidden)
				.because(feature + " may use only " + allowed + " of the other features")
				.check(classes);
		}
	}

	@Test
	void theApiUsesNothingElseOfTheStarter() {
		noClasses().that()
			.resideInAPackage(ROOT + "api..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("outside the API",
					(JavaClass type) -> type.getPackageName().startsWith(ROOT)
							&& !type.getPackageName().startsWith(ROOT + "api")))
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.clusterboot.(**)").should().beFreeOfCycles().check(classes);
	}

}
