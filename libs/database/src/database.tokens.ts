/** Injection token of the service's {@link Database}. */
export const DATABASE = Symbol('DATABASE');
/** Injection token of the parsed {@link DatabaseConfig}. */
export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');
/** Injection token of the module's logger. */
export const DATABASE_LOGGER = Symbol('DATABASE_LOGGER');
