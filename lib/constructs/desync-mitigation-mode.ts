/** How the load balancer treats HTTP requests that could desynchronise it from the back end. */
export enum DesyncMitigationMode {
  /** Let every request through and only report ambiguous ones. */
  MONITOR = 'monitor',
  /** Block requests that are a known risk, let ambiguous but harmless ones through. AWS's default. */
  DEFENSIVE = 'defensive',
  /** Block every request that does not comply with RFC 7230. */
  STRICTEST = 'strictest',
}
