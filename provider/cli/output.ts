/**
 * What the CLI prints where: results on stdout, progress and errors on stderr. Colour only when
 * stdout is a terminal (and neither NO_COLOR nor --no-color is set); progress only when stderr is
 * a terminal and --json is off, so pipes and CI logs stay quiet and machine-readable.
 */
export class Output {
  /** ANSI colour in rendered plans and tables. */
  public readonly color: boolean;
  /** Machine-readable output was asked for. */
  public readonly json: boolean;
  private readonly progressOn: boolean;
  private spinner?: NodeJS.Timeout;
  private line = '';

  constructor(options: { json?: boolean; color?: boolean } = {},
    private readonly stdout: NodeJS.WriteStream = process.stdout, private readonly stderr: NodeJS.WriteStream = process.stderr) {
    this.json = options.json ?? false;
    this.color = options.color !== false && !!stdout.isTTY && !process.env.NO_COLOR && !this.json;
    this.progressOn = !!stderr.isTTY && !this.json;
  }

  /** Prints a result (stdout). */
  public print(text: string): void {
    this.clearProgress();
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Prints a JSON value (stdout), one document. */
  public printJson(value: unknown): void {
    this.clearProgress();
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A note for a person (stderr, only on a terminal). */
  public note(text: string): void {
    if (!this.progressOn) return;
    this.clearProgress();
    this.stderr.write(`${text}\n`);
  }

  /** Prints an error (stderr, always). */
  public error(message: string): void {
    this.clearProgress();
    this.stderr.write(this.stderr.isTTY && !process.env.NO_COLOR ? `\x1b[31m${message}\x1b[0m\n` : `${message}\n`);
  }

  /** Shows a spinner with `text` until `done` (terminal only). */
  public progress(text: string): void {
    if (!this.progressOn) return;
    this.line = text;
    if (!this.spinner) {
      const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
      let i = 0;
      this.spinner = setInterval(() => this.stderr.write(`\r\x1b[2K${frames[i++ % frames.length]} ${this.line}`), 80);
      this.spinner.unref();
    }
    this.stderr.write(`\r\x1b[2K… ${text}`);
  }

  /** Ends the spinner with a final line. */
  public done(text?: string): void {
    if (!this.progressOn) return;
    this.clearProgress();
    if (text) this.stderr.write(`${this.paint('32', '✓')} ${text}\n`);
  }

  /** Colours text when colour is on. */
  public paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  private clearProgress(): void {
    if (this.spinner) {
      clearInterval(this.spinner);
      this.spinner = undefined;
    }
    if (this.progressOn && this.line) {
      this.stderr.write('\r\x1b[2K');
      this.line = '';
    }
  }
}
