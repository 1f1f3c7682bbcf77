// Imported first by the server: graphql-js decides when it loads whether to run its development-only checks
// (from process.env.NODE_ENV), so the mode that config would choose (production on a PostgreSQL server,
// development for the embedded default) must be in the environment before any module imports graphql.
process.env.NODE_ENV ||= process.env.DATABASE_URL ? 'production' : 'development';
export {};
