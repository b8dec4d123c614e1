import { checkListenerPortClashes } from '../../../../provider/deploy/desired/listener-port-clashes';
import { DEPLOY_CODES } from '../../../../provider/deploy';
import { walkthrough } from '../fixtures/documents';

const lb = (name: string, ports: number[]) => {
  const base = walkthrough({ name });
  return { ...base, listeners: ports.map((p, i) => ({ ...base.listeners[i % base.listeners.length], loadBalancerPort: p })) };
};

test('load balancers on distinct local ports pass, and a live load balancer the stack declares is its own', () => {
  expect(() => checkListenerPortClashes([lb('web-a', [18080, 18443]), lb('web-b', [18444])], [lb('web-a', [18443])])).not.toThrow();
});

test('two load balancers of the stack on one local port are refused, naming the port, both and the option that fixes it', () => {
  expect(() => checkListenerPortClashes([lb('web-a', [18080, 18443]), lb('web-b', [18443])])).toThrow(expect.objectContaining({
    code: DEPLOY_CODES.LISTENER_PORT_CLASH,
    message: expect.stringMatching(/^SECLB_DEPLOY_LISTENER_PORT_CLASH: load balancers 'web-a' and 'web-b' of the stack both listen on local port 18443\. Rule: .*Fix: give 'web-a' its own port with the local target's loadBalancerPorts option/),
  }));
});

test('a port held by a live load balancer of another stack is refused', () => {
  expect(() => checkListenerPortClashes([lb('web-a', [18443])], [lb('other', [18443])])).toThrow(
    /^SECLB_DEPLOY_LISTENER_PORT_CLASH: load balancer 'web-a' of the stack and load balancer 'other', live on the engine \(another stack\), both listen on local port 18443/);
});
