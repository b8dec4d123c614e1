// The local-resources core: apply/read/delete of the seclb_* resources on the engine, shared by
// the `seclb` CLI and the Terraform plugin. Re-exports only.
export * from './errors';
export * from './local-load-balancers';
export * from './local-policy-attachments';
export * from './local-server-certificates';
export * from './policy-attachment';
