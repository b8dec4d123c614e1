// The deploy core: desired ⇄ live diff, plan model, renderers and previews. The CLI and the
// Terraform provider plugin call these; nothing here knows about processes or terminals.
export * from './errors';
export * from './plan/plan-change';
export * from './plan/security-item';
export * from './plan/deploy-plan';
export * from './plan/plan-summary';
export * from './plan/exit-code';
export * from './plan/redaction';
export * from './plan/plan-file';
export * from './plan/plan-freshness';
export * from './plan/synth-warnings';
export * from './plan/enforcement-gaps';
export * from './plan/plan-digest';
export * from './plan/strict-mode';
export * from './diff/deployment-state';
export * from './diff/load-balancer-diff';
export * from './diff/security-review';
export * from './diff/drift';
export * from './diff/deployment-diff';
export * from './render/value-format';
export * from './render/text-renderer';
export * from './render/markdown-renderer';
export * from './render/plan-renderer';
export * from './preview/terraform-plan-json';
export * from './preview/terraform-documents';
export * from './preview/terraform-plan-preview';
export * from './desired/local-stack';
