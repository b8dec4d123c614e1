import { describeEngineCycle } from './helpers/engine-cycle';
import { hclSubject } from './helpers/subjects';

/*
 * Issue 18 point 5: the hand-written HCL of examples/elb-api/main.tf, unchanged, applied by the real
 * Terraform CLI and AWS provider to the engine's ELB API, with real traffic and real handshakes.
 */

jest.setTimeout(300_000);

describeEngineCycle(hclSubject, 41);
