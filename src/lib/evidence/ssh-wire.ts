/**
 * SSH's wire encoding (RFC 4251 §5): `uint32` and length-prefixed `string`s, the parts of the
 * signature format (PROTOCOL.sshsig), of public key blobs and of OpenSSH private key files.
 */

export const sshString = (bytes: Uint8Array | string): Buffer => {
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
};

export const sshUint32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

export class SshFormatError extends Error {
  override name = 'SshFormatError';
}

/** Reads SSH wire fields one after another. */
export class SshReader {
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}

  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new SshFormatError('truncated');
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  string(): Buffer {
    const length = this.uint32();
    if (this.offset + length > this.bytes.length) throw new SshFormatError('truncated');
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  text(): string {
    return this.string().toString('utf8');
  }

  raw(length: number): Buffer {
    if (this.offset + length > this.bytes.length) throw new SshFormatError('truncated');
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

/** The base64 between `-----BEGIN <label>-----` and `-----END <label>-----`, decoded. */
export function unarmor(text: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  if (!match?.[1]) throw new SshFormatError(`not an ${label} (no "-----BEGIN ${label}-----" block)`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/** Armor as OpenSSH writes it: 70 base64 characters a line. */
export function armor(bytes: Uint8Array, label: string): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,70}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
