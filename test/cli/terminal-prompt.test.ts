import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { CredentialType, type ConnectCredential } from '@virtkit/core';
import { promptLine, terminalAuth, type PromptInput } from '@virtkit/cli';

/** A fake terminal: what is typed goes in, what is shown comes out, raw mode is recorded. */
function fakeTerminal() {
  const input = new PassThrough() as PassThrough & PromptInput & { modes: boolean[] };
  input.modes = [];
  input.setRawMode = (on: boolean) => input.modes.push(on);
  let shown = '';
  const output = new PassThrough();
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, shown: () => shown };
}

describe('terminal credential prompt', () => {
  it('asks for the name with echo and the password without, in raw mode', async () => {
    const t = fakeTerminal();
    const creds: ConnectCredential[] = [
      { type: CredentialType.AUTHNAME, prompt: 'Please enter your authentication name' },
      { type: CredentialType.PASSPHRASE, prompt: 'Please enter your password' },
    ];
    const done = terminalAuth(t.input, t.output)(creds);
    t.input.write('alice\r');
    await new Promise((r) => setImmediate(r));
    t.input.write('s3cret\x7fT\r');
    await done;
    expect(creds.map((c) => c.result)).to.deep.equal(['alice', 's3creT']);
    expect(t.shown()).to.equal('Please enter your authentication name: alice\nPlease enter your password: \n');
    expect(t.shown()).not.to.contain('s3cre');
    expect(t.input.modes).to.deep.equal([true, false, true, false]);
  });

  it('gives the default for an empty answer and aborts on Ctrl-C', async () => {
    const t = fakeTerminal();
    const creds: ConnectCredential[] = [{ type: CredentialType.AUTHNAME, prompt: 'Name', defresult: 'root' }];
    const done = terminalAuth(t.input, t.output)(creds);
    t.input.write('\r');
    await done;
    expect(creds[0].result).to.equal('root');
    expect(t.shown()).to.equal('Name [root]: \n');
    const aborted = promptLine(t.input, t.output, 'Password: ', false);
    t.input.write('abc\u0003');
    expect(await aborted.then(() => 'resolved', (e: Error) => e.message)).to.equal('interrupted');
  });
});
