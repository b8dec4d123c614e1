import { frameworkAppSuite } from './helpers/framework-app-suite';
import { CDKTN } from './helpers/temp-app';

// cdktn-secure-elb (generated from the same lib/) from its tarball in a fresh CDK Terrain app, deployed with cdktn-cli.
frameworkAppSuite(CDKTN);
