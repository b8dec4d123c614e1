import { frameworkAppSuite } from './helpers/framework-app-suite';
import { CDKTF } from './helpers/temp-app';

// cdktf-secure-elb from its tarball in a fresh cdktf 0.21 app (@cdktf/provider-aws 21.22.1, AWS provider 6.x).
frameworkAppSuite(CDKTF);
