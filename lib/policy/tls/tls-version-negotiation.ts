/**
 * Which protocol version a Classic ELB listener negotiates with a client: the highest version the
 * client offers among those the listener's policy enables. No fallback to a lower version the
 * client did not offer, and no other tie-break: a client that offers none of the enabled versions
 * is refused (`protocol_version` alert).
 */
export class TlsVersionNegotiation {
  /**
   * The version to negotiate, or undefined when the client offers none of the enabled ones.
   *
   * @param enabledVersions what the listener accepts, in Node.js names (`TLSv1`, `TLSv1.1`, `TLSv1.2`), oldest first
   *   (`TlsServerSettings.enabledVersions`)
   * @param offeredVersions what the client's hello offers, in the same names, in any order; a hello without a
   *   `supported_versions` extension offers every version up to its `legacy_version`
   */
  public static choose(enabledVersions: string[], offeredVersions: string[]): string | undefined {
    for (let i = enabledVersions.length - 1; i >= 0; i--) {
      if (offeredVersions.includes(enabledVersions[i])) return enabledVersions[i];
    }
    return undefined;
  }

  private constructor() {}
}
