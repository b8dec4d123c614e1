import { ActionTable } from './action';

/**
 * The two EC2 reads the AWS provider makes around a Classic ELB (docs/elb-api-calls.md, point 10):
 * `DescribeSecurityGroups` (when a description carries a VPC) and `DescribeNetworkInterfaces` (after
 * DeleteLoadBalancer, to clean up the ELB's ENIs). The engine runs on loopback and has no VPC,
 * security groups or network interfaces, so the true answer to both is an empty set.
 */
export const EC2_NETWORK_ACTIONS: ActionTable = {
  async DescribeSecurityGroups() {
    return { securityGroupInfo: '' };
  },
  async DescribeNetworkInterfaces() {
    return { networkInterfaceSet: '' };
  },
};
