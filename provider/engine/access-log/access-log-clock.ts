import { performance } from 'perf_hooks';

/** Wall-clock time with microseconds, for access-log timestamps and processing times. */
export function nowPrecise(): number {
  return performance.timeOrigin + performance.now();
}

/** Splits a precise time into whole milliseconds and the microseconds beyond them. */
export function splitMillis(t: number): { ms: number; micros: number } {
  const ms = Math.floor(t);
  return { ms, micros: Math.min(999, Math.floor((t - ms) * 1000)) };
}
