import { describeEngineCycle } from './helpers/engine-cycle';
import { walkthroughSubject } from './helpers/subjects';

/*
 * Issue 18 point 5: the walk-through's AWS synthesis (the same JSON `cdktf synth` writes for AWS,
 * the provider block pointed at the engine), applied by the real Terraform CLI and AWS provider to
 * the engine's ELB API, with real traffic and real handshakes.
 */

jest.setTimeout(300_000);

describeEngineCycle(walkthroughSubject, 31);
