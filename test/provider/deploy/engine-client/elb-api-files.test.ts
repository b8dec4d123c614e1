import { ELB_API_FILES } from '../../../../provider/deploy/engine-client/elb-api-files';
import { ELB_API_CREDENTIALS_FILE } from '../../../../provider/engine/elb-api/credentials';
import { ELB_API_ENDPOINT_FILE } from '../../../../provider/engine/elb-api/endpoint-file';
import { INSTANCE_ADDRESSES_FILE } from '../../../../provider/engine/elb-api/instance-addresses';
import { ELB_API_PORTS_FILE } from '../../../../provider/engine/elb-api/port-map';

test('the CLI reads the ELB API files under the names the engine writes them', () => {
  expect(ELB_API_FILES).toEqual({
    ENDPOINT: ELB_API_ENDPOINT_FILE,
    CREDENTIALS: ELB_API_CREDENTIALS_FILE,
    INSTANCE_ADDRESSES: INSTANCE_ADDRESSES_FILE,
    PORTS: ELB_API_PORTS_FILE,
  });
});
