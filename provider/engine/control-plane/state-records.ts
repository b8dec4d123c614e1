import { ServerCertificateRecord } from '../certificates/server-certificate';
import { EngineState } from '../state/state-store';

/** The load balancers (names) whose listeners name `certificate`, in state order. */
export function usersOf(state: EngineState, certificate: string): string[] {
  return Object.entries(state.loadBalancers)
    .filter(([, lb]) => lb.document.listeners.some((l) => l.sslCertificateId === certificate))
    .map(([n]) => n);
}

/** The state's certificates by name, as the compiler and the data plane take them. */
export function certificateMap(state: EngineState): Map<string, ServerCertificateRecord> {
  return new Map(Object.entries(state.serverCertificates));
}

/** `r` with its keys in code-unit order (state.json lists objects sorted by name). */
export function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
