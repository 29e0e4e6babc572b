import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from '../../src/cli/command';
import type { Env } from '../../src/config/env';
import { silentLogger } from '../../src/shared/logger';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'leadpact');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment a test passes to the CLI: nothing inherited but PATH and HOME, like a clean shell. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...extra };
}

/** Runs `leadpact ARGS` to completion, as a user would from a shell. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliResult> {
  const child = spawnCli(args, env);
  return collect(child, timeoutMs);
}

export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function collect(child: ChildProcess, timeoutMs: number): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`leadpact did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves when `predicate` holds for the text the child printed so far (stdout and stderr). */
export function waitForOutput(
  child: ChildProcess,
  predicate: (text: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`output not seen within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (predicate(text)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** What a command run in-process printed, and its exit code. */
export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function captured(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs one command's code in this process (no build needed), with its output captured. */
export async function runCommand(
  command: Pick<Command, 'run'>,
  env: Env,
  options: Readonly<Record<string, string | boolean>> = {},
  positionals: readonly string[] = [],
): Promise<InProcessResult> {
  const out = captured();
  const err = captured();
  const code = await command.run({
    env,
    logger: silentLogger(),
    options,
    positionals,
    out: out.stream,
    err: err.stream,
    stopRequested: new Promise<string>(() => undefined),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
