// Reads the credential file GOOGLE_APPLICATION_CREDENTIALS names, with a size cap: a variable pointed at the
// wrong file (a log, a disk image) must not be read whole at every start, when the vault opens its keys.
import { open } from 'node:fs/promises';
import { maxSecretLength } from '../../shared/channels/keys';
import { NomeError } from '../../shared/errors';

/** A service-account JSON is ~2.4 KB; anything past what the vault accepts as a key is refused unread. */
const maxCredentialBytes = maxSecretLength * 4;

export async function readCredentialFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const stat = await file.stat();
    const size = stat.size;
    if (!stat.isFile()) throw new NomeError('bad_input', 'GOOGLE_APPLICATION_CREDENTIALS names something that is not a file.');
    if (size > maxCredentialBytes) {
      throw new NomeError('bad_input', `GOOGLE_APPLICATION_CREDENTIALS names a file of ${size.toLocaleString('en-US')} bytes; a credential file is a few KB (at most ${maxCredentialBytes.toLocaleString('en-US')} bytes are read).`);
    }
    const buffer = Buffer.alloc(Math.min(size, maxCredentialBytes) + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    // A file that grew after the stat is still read no further than the cap.
    if (bytesRead > maxCredentialBytes) throw new NomeError('bad_input', 'GOOGLE_APPLICATION_CREDENTIALS names a file that is too large to be a credential.');
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}
