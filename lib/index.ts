// The jsii entry point: re-exports only.
export * from './policy';
