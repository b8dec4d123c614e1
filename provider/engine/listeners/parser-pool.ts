import { LlhttpParser } from '../common/llhttp-parser';

/**
 * Request parsers not in use, kept for the next connection that receives a byte (as Node's HTTP
 * server keeps its `parsers` FreeList). A connection of the `lean` front end holds a parser only
 * while a request is on it: an idle keep-alive connection gives its parser back, so 10,000 idle
 * connections hold no parser (each is ~2.4 KiB of native and V8 memory). At most `max` parsers wait
 * here; one more is closed (freed) on the next turn, never from inside its own callbacks.
 */
export class ParserPool<P extends LlhttpParser> {
  private readonly free: P[] = [];

  /**
   * @param create makes a parser (with its callbacks installed) when none waits
   * @param max how many unused parsers are kept (default 256: the concurrency of a busy engine,
   *   ~0.6 MiB)
   */
  constructor(private readonly create: () => P, private readonly max = 256) {}

  /** How many parsers wait for a connection. */
  public get size(): number {
    return this.free.length;
  }

  /** A parser for a connection: a waiting one, or a new one. Initialize it before use. */
  public take(): P {
    return this.free.pop() ?? this.create();
  }

  /**
   * Takes back a parser its connection no longer reads with (unconsumed, its owner reference
   * cleared). Safe to call from inside the parser's own callbacks: a parser over the limit is
   * closed on the next turn.
   */
  public give(parser: P): void {
    if (this.free.length < this.max) this.free.push(parser);
    else setImmediate(() => parser.close());
  }
}
