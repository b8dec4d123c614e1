/** Access logging to S3. */
export interface AccessLogs {
  /** The S3 bucket the load balancer writes to (its policy must allow ELB's log delivery). */
  readonly bucket: string;
  /**
   * The key prefix inside the bucket.
   * @default - the bucket's root
   */
  readonly prefix?: string;
  /**
   * Minutes per log file: 5 or 60.
   * @default 60
   */
  readonly interval?: number;
  /**
   * Whether logs are written (false keeps the settings but stops logging).
   * @default true
   */
  readonly enabled?: boolean;
}
