// Apply orchestration of the deploy core: live state, the per-stack applied record, applying a
// plan through the local-resources primitives. Re-exports only.
export * from './errors';
export * from './live-state';
export * from './applied-record';
export * from './apply-plan';
export * from './destroy-scope';
export * from './certificate-ownership';
