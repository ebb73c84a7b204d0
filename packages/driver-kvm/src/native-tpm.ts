import type { XmlElement } from '@virtkit/core';
import { bad, leaf } from './native-parse.js';
import type { DeviceReader, OptionReader } from './native-state.js';

/**
 * The TPM read back (tpm-args.ts writes it): -tpmdev and the TPM device as
 * <tpm>. Its chardev before the device is an external swtpm's socket; none
 * there means the host's own swtpm (its -chardev is host-local, after the
 * monitor). The TPM version is swtpm's, not on QEMU's command line: 2.0.
 */

export const TPM_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-tpmdev': (_st, value) => {
    const v = value();
    if (v !== 'emulator,id=tpm-tpm0,chardev=chrtpm') bad(`-tpmdev ${v} is not understood`);
  },
};

const readTpm: DeviceReader = (st, _d, driver) => {
  const ext = st.chardevs.get('chrtpm');
  const backend: XmlElement = ext
    ? { kind: 'element', name: 'backend', attrs: { type: 'external' }, children: [leaf('source', { type: 'unix', mode: 'connect', path: ext.source?.path ?? bad('the TPM chardev is not a unix socket') })] }
    : leaf('backend', { type: 'emulator', version: '2.0' });
  st.tpmEls.push({ kind: 'element', name: 'tpm', attrs: { model: driver }, children: [backend] });
};

export const TPM_DEVICES: Readonly<Record<string, DeviceReader>> = { 'tpm-tis': readTpm, 'tpm-crb': readTpm };
