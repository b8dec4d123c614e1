// The jsii entry point: re-exports only.
export * from './policy';
export * from './targets';
export * from './constructs';
