import { Command, CommanderError } from 'commander';
import { Virt, type VirtPlugin } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { kvmPlugin } from '@virtkit/driver-kvm';
import { xenPlugin } from '@virtkit/driver-xen';
import { remotePlugin } from '@virtkit/remote';
import { COMMANDS } from './commands/index.js';
import { errorMessage, failureLines } from './failure.js';
import type { CliIo } from './output.js';
import { CliSession } from './session.js';
import { commandsFromArgv } from './tokenize.js';
import { CLI_VERSION } from './version.js';

/** The drivers every virtkit binary has; more come from VIRTKIT_PLUGINS. */
export const BUILTIN_PLUGINS: VirtPlugin[] = [testDriverPlugin, kvmPlugin, xenPlugin, remotePlugin];

export const DEFAULT_URI = 'test:///default';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  plugins?: Array<VirtPlugin | string>;
  /** Reuse a Virt instance (its hosts and connections) instead of creating one. */
  virt?: Virt;
}

function helpText(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((k) => k.length));
  return [
    'Usage: virtkit [-c URI] [-r] [--json] COMMAND [ARGS...] [; COMMAND ...]',
    '',
    'Commands:',
    ...[...COMMANDS.values()].map((c) => `    ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The URI comes from -c, else VIRTKIT_DEFAULT_URI, else test:///default.',
    '',
  ].join('\n');
}

/**
 * Runs one virtkit invocation: global options, then one or more commands
 * separated by ';'. Returns the exit status: the last command's, as virsh's (0 when it succeeded).
 */
export async function runCli(argv: string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const program = new Command('virtkit')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.out(t), writeErr: () => {} })
    .option('-c, --connect <uri>', 'hypervisor connection URI')
    .option('-r, --readonly', 'connect read-only')
    .option('--json', 'machine-readable output')
    .option('-v, --version', 'print the version')
    .argument('[command...]')
    .passThroughOptions()
    .helpOption('-h, --help', 'print help')
    .allowExcessArguments(true);
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError && e.code === 'commander.helpDisplayed') return 0;
    io.err(`error: ${errorMessage(e)}\n`);
    return 1;
  }
  const g = program.opts<{ connect?: string; readonly?: boolean; json?: boolean; version?: boolean }>();
  if (g.version) {
    io.out(`${CLI_VERSION}\n`);
    return 0;
  }
  let commands: string[][];
  try {
    commands = commandsFromArgv(program.args);
  } catch (e) {
    io.err(`error: ${errorMessage(e)}\n`);
    return 1;
  }
  if (commands.length === 0 || (commands.length === 1 && commands[0][0] === 'help')) {
    io.out(helpText());
    return 0;
  }

  let virt = options.virt;
  const ownVirt = !virt;
  try {
    virt ??= await Virt.create({ plugins: [...BUILTIN_PLUGINS, ...(options.plugins ?? [])], env });
  } catch (e) {
    io.err(`error: ${errorMessage(e)}\n`);
    return 1;
  }
  const session = new CliSession(virt, g.connect ?? env.VIRTKIT_DEFAULT_URI ?? DEFAULT_URI, io, !!g.json, !!g.readonly);
  let status = 0;
  try {
    for (const words of commands) {
      const spec = COMMANDS.get(words[0]);
      if (!spec) {
        io.err(`error: unknown command: '${words[0]}'\n`);
        status = 1;
        continue;
      }
      const cmd = new Command(spec.name)
        .exitOverride()
        .configureOutput({ writeOut: (t) => io.out(t), writeErr: () => {} })
        .helpOption('-h, --help', 'print help')
        .action(() => {});
      spec.configure(cmd);
      let args: string[] = [];
      try {
        await cmd.parseAsync(words.slice(1), { from: 'user' });
        args = cmd.processedArgs.filter((a) => a !== undefined) as string[];
        session.emit(await spec.run(session, args, cmd.opts()));
        status = 0;
      } catch (e) {
        if (e instanceof CommanderError && e.code === 'commander.helpDisplayed') continue;
        await session.settled();
        io.err(failureLines(cmd, args, e).map((line) => `error: ${line}\n`).join(''));
        // virsh ends the output of a command that ran and failed with an empty line (not of one it could not parse).
        if (!(e instanceof CommanderError) && !g.json) io.out('\n');
        status = 1;
      }
    }
  } finally {
    if (ownVirt) await virt.dispose();
  }
  return status;
}
