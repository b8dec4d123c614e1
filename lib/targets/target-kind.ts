/** Where a stack's load balancers are deployed. The values are those of the `seclb:target` context key. */
export enum DeploymentTargetKind {
  /** AWS Classic ELB through the Terraform AWS provider (`@cdktf/provider-aws` resources). */
  AWS = 'aws',
  /** The bundled local proxy engine (`seclb_*` resources carrying the canonical document). */
  LOCAL = 'local',
}
