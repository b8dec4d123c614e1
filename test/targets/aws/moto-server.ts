import { ChildProcess, spawn } from 'child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { freePort } from '../../provider/engine/helpers/backends';
import { OFFLINE_PROVIDER } from './terraform-fixture';

/** How long moto_server may take to answer its first request (it starts in ~2 s on an idle machine). */
const READY_WITHIN_MS = 45_000;

/** One HTTP request to moto; resolves with the status code, rejects on a connection error. */
function httpStatus(url: string, method: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * An AWS API emulator (moto 5.x `moto_server`) on 127.0.0.1 for tests that run the real Terraform
 * CLI and AWS provider through `apply`: start one per test file with `MotoServer.start()`, put
 * `providerConfig()` on the stack's `AwsProvider` (fake credentials, the skip flags and `endpoints`
 * for every service the stacks use pointing at this server), and `stop()` it in `afterAll`.
 * `reset()` empties it between scenarios. Fails with a clear message when `moto_server` is not on
 * PATH or does not answer in time; never skips.
 */
export class MotoServer {
  /**
   * Starts moto_server on a free loopback port and waits (bounded) until it answers.
   * @param command the executable, default `moto_server` from PATH
   */
  public static async start(command = 'moto_server'): Promise<MotoServer> {
    let lastError: Error | undefined;
    // A port found free can be taken before moto binds it: try a few.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const server = new MotoServer(port, command);
      try {
        await server.waitReady();
        return server;
      } catch (e) {
        lastError = e as Error;
        await server.stop();
        if ((e as { missing?: boolean }).missing) break;
      }
    }
    throw lastError!;
  }

  /** The base URL, e.g. `http://127.0.0.1:40123`. */
  public readonly endpoint: string;
  private readonly child: ChildProcess;
  private readonly logDir: string;
  private exited?: string;
  private readonly exit: Promise<void>;

  private constructor(public readonly port: number, private readonly command: string) {
    this.endpoint = `http://127.0.0.1:${port}`;
    // moto logs every request: into a file, never a pipe. Tests run Terraform with spawnSync, which
    // blocks this process's event loop, so a pipe would fill up and stall moto mid-request.
    this.logDir = mkdtempSync(join(tmpdir(), 'seclb-moto-'));
    const log = openSync(join(this.logDir, 'moto.log'), 'a');
    this.child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', log, log], detached: true,
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' },
    });
    closeSync(log);
    this.exit = new Promise<void>((resolve) => {
      this.child.on('error', (e) => { this.exited = e.message; resolve(); });
      this.child.on('exit', (code, signal) => { this.exited ??= `exited with ${signal ?? code}`; resolve(); });
    });
  }

  /**
   * AWS provider settings for this server: `OFFLINE_PROVIDER` (region, fake credentials, skip
   * flags) plus `endpoints` for acm, ec2, elb, iam and sts, merged over `extra`.
   */
  public providerConfig(extra: AwsProviderConfig = {}): AwsProviderConfig {
    const url = this.endpoint;
    return { ...OFFLINE_PROVIDER, ...extra, endpoints: [{ acm: url, ec2: url, elb: url, iam: url, sts: url }] };
  }

  /** Deletes everything moto holds (`POST /moto-api/reset`). */
  public async reset(): Promise<void> {
    const status = await httpStatus(`${this.endpoint}/moto-api/reset`, 'POST', 10_000);
    if (status !== 200) throw new Error(`moto reset answered HTTP ${status}`);
  }

  /**
   * Stops the server (its whole process group) and waits for it to exit: SIGTERM, then SIGKILL
   * after 5 s. Safe to call twice.
   */
  public async stop(): Promise<void> {
    const signal = (name: NodeJS.Signals) => {
      if (this.child.pid === undefined || this.exited !== undefined) return;
      try {
        process.kill(-this.child.pid, name);
      } catch {
        this.child.kill(name);
      }
    };
    signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([this.exit.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), 5_000); })]);
    clearTimeout(timer);
    if (!gone) {
      signal('SIGKILL');
      await this.exit;
    }
    rmSync(this.logDir, { recursive: true, force: true });
  }

  /** The last 4,000 characters moto wrote (its request log and errors), for failure messages. */
  public output(): string {
    try {
      return readFileSync(join(this.logDir, 'moto.log'), 'utf8').slice(-4000);
    } catch {
      return '';
    }
  }

  /** Polls `GET /moto-api/` until it answers 200, the process dies, or READY_WITHIN_MS passes. */
  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_WITHIN_MS;
    while (Date.now() < deadline) {
      if (this.exited !== undefined) {
        const missing = /ENOENT/.test(this.exited);
        const error = new Error(missing
          ? `${this.command} not found on PATH: the apply tests need moto 5.x with its server (pip install "moto[server]"), `
            + 'which every machine of this project has (toolchain.md, "An AWS API emulator").'
          : `moto_server on port ${this.port} ${this.exited} before answering:\n${this.output()}`);
        throw Object.assign(error, { missing });
      }
      try {
        if (await httpStatus(`${this.endpoint}/moto-api/`, 'GET', 2_000) === 200) return;
      } catch {
        // not listening yet
      }
      // Next poll in 200 ms, or at once when the process has died.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((resolve) => { timer = setTimeout(resolve, 200); }), this.exit]);
      clearTimeout(timer);
    }
    throw new Error(`moto_server on port ${this.port} did not answer within ${READY_WITHIN_MS / 1000} s:\n${this.output()}`);
  }
}
