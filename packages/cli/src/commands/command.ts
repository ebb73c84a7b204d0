import type { Command } from 'commander';
import type { CliSession, CommandResult } from '../session.js';

/** One virsh-style command: its arguments and options, and what it does. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Declares arguments and options on a fresh commander Command. */
  configure(cmd: Command): void;
  run(session: CliSession, args: string[], opts: Record<string, unknown>): Promise<CommandResult>;
}

/** A one-line confirmation as virsh prints it (followed by a blank line). */
export function said(text: string, json: unknown): CommandResult {
  return { text: `${text}\n\n`, json };
}
