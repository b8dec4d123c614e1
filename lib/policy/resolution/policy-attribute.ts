/** One name/value pair of an ELB policy, exactly as the API takes and returns it. */
export interface PolicyAttribute {
  /** Attribute name, e.g. `Protocol-TLSv1.2`. */
  readonly name: string;
  /** Attribute value as text; booleans are `true` / `false` in lower case, as AWS returns them. */
  readonly value: string;
}
