package org.retro278.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema version written in Java (what SQL alone cannot do on both engines): its version and words, no
 * checksum (the code is the migration), run in Flyway's transaction for it.
 */
abstract class StoreMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    StoreMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
