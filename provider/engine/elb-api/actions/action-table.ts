import { ActionTable } from './action';
import { ATTRIBUTE_ACTIONS } from './attributes';
import { EC2_NETWORK_ACTIONS } from './ec2-network';
import { HEALTH_CHECK_ACTIONS } from './health-check';
import { INSTANCE_ACTIONS } from './instances';
import { LISTENER_ACTIONS } from './listeners';
import { LOAD_BALANCER_ACTIONS } from './load-balancers';
import { POLICY_ACTIONS } from './policies';
import { POLICY_BINDING_ACTIONS } from './policy-bindings';
import { SERVER_CERTIFICATE_ACTIONS } from './server-certificates';
import { TAG_ACTIONS } from './tags';

/** Every Elastic Load Balancing 2012-06-01 action the engine answers. */
export const ELB_ACTIONS: ActionTable = {
  ...LOAD_BALANCER_ACTIONS,
  ...LISTENER_ACTIONS,
  ...HEALTH_CHECK_ACTIONS,
  ...ATTRIBUTE_ACTIONS,
  ...TAG_ACTIONS,
  ...POLICY_ACTIONS,
  ...POLICY_BINDING_ACTIONS,
  ...INSTANCE_ACTIONS,
};

/** Every IAM 2010-05-08 action the engine answers (server certificates). */
export const IAM_ACTIONS: ActionTable = {
  ...SERVER_CERTIFICATE_ACTIONS,
};

/** The EC2 2016-11-15 reads the AWS provider makes around a Classic ELB (empty: no VPC here). */
export const EC2_ACTIONS: ActionTable = {
  ...EC2_NETWORK_ACTIONS,
};
