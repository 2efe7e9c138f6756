package dev.stockroom.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The service's own classes, without the tests, imported once for every architecture rule. */
final class MainClasses {

    private static JavaClasses imported;

    private MainClasses() {
    }

    static synchronized JavaClasses imported() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.stockroom");
        }
        return imported;
    }
}
