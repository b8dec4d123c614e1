/**
 * The one error base of seclb's tools: the engine, the deploy core (and its admin API client), the
 * `seclb` CLI and the Terraform provider plugin. It lives on neutral ground because all of them
 * raise and inspect it, and the engine may import nothing of the others.
 *
 * Internal to the package (not exported from lib/index.ts): jsii has no representation for Error
 * subclasses, so the construct library's own errors stay plain `Error`s whose message leads with
 * the code.
 */

/** What an error carries besides its code and message. */
export interface SeclbErrorOptions {
  /**
   * Where in the input the problem is: a file, a JSON path, a resource address or a Terraform
   * attribute name.
   * @default - none
   */
  readonly path?: string;
  /**
   * The HTTP status the admin API answers with when this error ends a request (for an error the
   * engine relayed: the status it answered with; 0 when it could not be reached).
   * @default 500
   */
  readonly httpStatus?: number;
  /**
   * Structured detail the admin API sends beside code and message (findings, the port, the owner, ...).
   * @default - none
   */
  readonly details?: Record<string, unknown>;
}

/** Key of the shared brand every seclb error carries (the same symbol since the first release). */
const BASE_BRAND = 'seclb.error';

/**
 * Base class of every error seclb raises on purpose. Match on `code`, never on the message; codes
 * are never reused or renamed, are registered per area (docs/errors.md lists them all), and lead
 * the message text, so callers that only see the message still see the code.
 *
 * `instanceof` is a brand check, the same for the base and every subclass: `x instanceof C` holds
 * when `x` was built by `C` or a subclass of it, also by another copy of this package (two
 * `node_modules` copies, a worker's deserialized error). Each subclass declares its own `brand`.
 */
export class SeclbError extends Error {
  /**
   * The `Symbol.for` key this class marks its instances with. Every subclass declares its own
   * (`seclb.error.class.<Name>`); the base keeps `seclb.error`, the brand all seclb errors share.
   */
  public static readonly brand: string = BASE_BRAND;

  /** Brand check: works across copies of the package and for every subclass alike. */
  public static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(this.brand)] === true;
  }

  /** Stable code, e.g. `SECLB_ENGINE_PORT_IN_USE`. */
  public readonly code: string;
  /** The HTTP status the admin API answers with for this error (default 500). */
  public readonly httpStatus: number;
  /**
   * Where in the input the problem is.
   * @default - none
   */
  public readonly path?: string;
  /**
   * Structured detail for the admin API (findings, revisions, ...).
   * @default - none
   */
  public readonly details?: Record<string, unknown>;

  /**
   * @param code the stable code
   * @param message what went wrong, the value, the rule and the fix; prefixed with `CODE: ` unless it already leads with it
   * @param options path, HTTP status and details
   */
  constructor(code: string, message: string, options: SeclbErrorOptions = {}) {
    super(message.startsWith(`${code}: `) ? message : `${code}: ${message}`);
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = options.httpStatus ?? 500;
    this.path = options.path;
    this.details = options.details;
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.prototype.hasOwnProperty.call(c, 'brand')) Object.defineProperty(this, Symbol.for((c as typeof SeclbError).brand), { value: true });
    }
    Object.defineProperty(this, Symbol.for(`${BASE_BRAND}.${code}`), { value: true });
  }
}

/** The brand key a subclass of `SeclbError` declares: `seclb.error.class.<Name>`. */
export function seclbErrorBrand(className: string): string {
  return `${BASE_BRAND}.class.${className}`;
}
