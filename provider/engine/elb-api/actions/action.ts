import { InstanceAddressBook } from '../instance-addresses';
import { LoadBalancerStore } from '../load-balancer-store';
import { PortMap } from '../port-map';
import { QueryParams } from '../protocol/query-params';
import { XmlStruct } from '../protocol/xml';

/** What an action handler gets: the request's parameters and the engine, through the store. */
export interface ActionContext {
  readonly params: QueryParams;
  readonly store: LoadBalancerStore;
  /** The region of the request's SigV4 scope (used in ARNs). */
  readonly region: string;
  /** Instance id -> loopback address, for registrations. */
  readonly addresses: InstanceAddressBook;
  /** AWS ports <-> local ports (`elb-api-ports.json`). */
  readonly ports: PortMap;
}

/** One Query-API action: resolves with the `<Action>Result` content (undefined: an empty result). */
export type ActionHandler = (ctx: ActionContext) => Promise<XmlStruct | undefined>;

/** A table of actions by name. */
export type ActionTable = Readonly<Record<string, ActionHandler>>;
