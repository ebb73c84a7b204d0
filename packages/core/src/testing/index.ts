export { describeDriverConformance, type ConformanceTarget, type ConformanceSetup } from './conformance.js';
export { wrapConnection, MIGRATION_PHASES, type ConnectionOverrides } from './wrap-connection.js';
export { abandonMigrationV3 } from './abandoned-migration.js';
