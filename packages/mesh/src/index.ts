// The mesh engine's whole surface; `@meshwork/mesh/plan` and `@meshwork/mesh/runtime` import
// one half only (the signal app needs just the pure planner).
export * from './plan';
export * from './runtime';
