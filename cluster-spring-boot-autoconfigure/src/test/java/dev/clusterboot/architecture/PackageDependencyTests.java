package dev.clusterboot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages follow the dependencies: the public API at the bottom, the channel above
 * it, the master and the worker side beside each other on top of both, the bootstrap that
 * runs the master, and Boot's glue over everything. Checked on every build, so that it
 * stays true.
 */
class PackageDependencyTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.clusterboot");

	@Test
	void layersOnlyUseTheLayersBelowThem() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("API")
			.definedBy("dev.clusterboot.api..")
			.layer("Channel")
			.definedBy("dev.clusterboot.channel..")
			.layer("Master")
			.definedBy("dev.clusterboot.master..")
			.layer("Worker")
			.definedBy("dev.clusterboot.worker..")
			.layer("Bootstrap")
			.definedBy("dev.clusterboot.bootstrap..")
			.layer("Boot glue")
			.definedBy("dev.clusterboot.autoconfigure..", "dev.clusterboot.actuate..", "dev.clusterboot.metrics..")
			.whereLayer("Boot glue")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Bootstrap")
			.mayOnlyBeAccessedByLayers("Boot glue")
			.whereLayer("Master")
			.mayOnlyBeAccessedByLayers("Bootstrap")
			.whereLayer("Worker")
			.mayOnlyBeAccessedByLayers("Bootstrap", "Boot glue")
			.whereLayer("Channel")
			.mayOnlyBeAccessedByLayers("Master", "Worker", "Bootstrap", "Boot glue")
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.clusterboot.(**)").should().beFreeOfCycles().check(classes);
	}

}
