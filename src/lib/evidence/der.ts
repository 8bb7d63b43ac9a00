/**
 * The few DER (ASN.1) structures RFC 3161 needs, read and written by hand: a time-stamp request
 * is five fields, and of a reply we read the status and the token's TSTInfo. A library (pkijs,
 * asn1js) would add a megabyte for that; the token's signature itself is checked by
 * `openssl ts -verify` (docs/decisions/0016-verifiable-versions.md).
 */

/** One DER element: its tag byte, its content bytes and, when constructed, its children. */
export interface DerNode {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly children: readonly DerNode[];
}

export const tags = {
  boolean: 0x01,
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** `[0]` constructed (EXPLICIT), as CMS wraps its content. */
  context0: 0xa0,
} as const;

export class DerError extends Error {
  override name = 'DerError';
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A DER element with `tag` around `content`. */
export function element(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Uint8Array.of(tag), encodeLength(body.length), body]);
}

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps it positive). */
export function integer(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return element(tags.integer, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Uint8Array.of(0), trimmed]) : trimmed);
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. `2.16.840.1.101.3.4.2.1`. */
export function oid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const group: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      group.unshift(0x80 | (value & 0x7f));
    bytes.push(...group);
  }
  return element(tags.oid, Uint8Array.from(bytes));
}

/** The dotted form of an OBJECT IDENTIFIER's content. */
export function oidText(content: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0)
        arcs.push(Math.min(2, Math.floor(value / 40)), value - Math.min(2, Math.floor(value / 40)) * 40);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

function readNode(bytes: Uint8Array, offset: number): { node: DerNode; end: number } {
  const tag = bytes[offset];
  let lengthByte = bytes[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new DerError('truncated DER element');
  let length = lengthByte;
  let start = offset + 2;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = bytes[start + i];
      if (lengthByte === undefined) throw new DerError('truncated DER length');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new DerError('DER element longer than its data');
  const content = bytes.subarray(start, end);
  const children: DerNode[] = [];
  if (tag & 0x20) {
    for (let at = 0; at < content.length;) {
      const child = readNode(content, at);
      children.push(child.node);
      at = child.end;
    }
  }
  return { node: { tag, content, children }, end };
}

/** Parse one DER element that spans all of `bytes`. Throws DerError when it is not DER. */
export function parseDer(bytes: Uint8Array): DerNode {
  const { node, end } = readNode(bytes, 0);
  if (end !== bytes.length) throw new DerError('trailing bytes after the DER element');
  return node;
}

/** The `index`-th child of `node`, which must have `tag` (else a DerError naming `what`). */
export function child(node: DerNode | undefined, index: number, tag: number, what: string): DerNode {
  const found = node?.children[index];
  if (found?.tag !== tag) throw new DerError(`${what} is missing or malformed`);
  return found;
}

/** An INTEGER's value (small integers: status codes, versions). */
export function smallInteger(node: DerNode): number {
  return node.content.reduce((value, byte) => value * 256 + byte, 0);
}
