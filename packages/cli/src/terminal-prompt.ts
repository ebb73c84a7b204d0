import { CredentialType, type ConnectAuthCallback } from '@virtkit/core';

/** A terminal input: the process's stdin when it is a TTY. */
export interface PromptInput extends NodeJS.ReadableStream {
  setRawMode(on: boolean): unknown;
}

/**
 * Reads one line typed at a terminal. The terminal is put in raw mode so
 * nothing is echoed by it; `echo` prints the typed characters back itself
 * (for names), otherwise nothing is shown (passwords). Backspace edits,
 * Ctrl-C and Ctrl-D abort.
 */
export function promptLine(input: PromptInput, output: NodeJS.WritableStream, prompt: string, echo: boolean): Promise<string> {
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new Error('interrupted'));
        if (ch === '\u0004') {
          if (line === '') return finish(new Error('end of input'));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          if (line !== '') {
            line = [...line].slice(0, -1).join('');
            if (echo) output.write('\b \b');
          }
          continue;
        }
        if (ch < ' ') continue;
        line += ch;
        if (echo) output.write(ch);
      }
    };
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * virsh's default credential callback (virConnectAuthCallbackDefault) on a
 * terminal: each credential's prompt, with its default in brackets; secrets
 * (passphrases, no-echo prompts) are typed without echo.
 */
export function terminalAuth(input: PromptInput, output: NodeJS.WritableStream): ConnectAuthCallback {
  return async (credentials) => {
    for (const c of credentials) {
      const secret = c.type === CredentialType.PASSPHRASE || c.type === CredentialType.NOECHOPROMPT;
      const answer = await promptLine(input, output, `${c.prompt}${c.defresult ? ` [${c.defresult}]` : ''}: `, !secret);
      c.result = answer === '' && c.defresult !== undefined ? c.defresult : answer;
    }
  };
}
