/**
 * RFC 3161 time-stamp requests and replies: the request for a text's SHA-256, and what a reply
 * says (status, the imprint it covers, the authority's time `genTime`, the serial number).
 * The reply is stored as it came (`<version>.tsr`), the form `openssl ts -verify -in` reads.
 */
import { randomBytes } from 'node:crypto';
import { child, DerError, element, integer, oid, oidText, parseDer, smallInteger, tags, type DerNode } from './der.ts';

const sha256Oid = '2.16.840.1.101.3.4.2.1';
const signedDataOid = '1.2.840.113549.1.7.2';
const tstInfoOid = '1.2.840.113549.1.9.16.1.4';

/** A TimeStampReq for a SHA-256 (hex), with a random nonce and the authority's certificate asked for. */
export function timestampRequest(sha256Hex: string, nonce: Uint8Array = randomBytes(8)): Uint8Array {
  const algorithm = element(tags.sequence, oid(sha256Oid), element(tags.null));
  const imprint = element(tags.sequence, algorithm, element(tags.octetString, Buffer.from(sha256Hex, 'hex')));
  return element(
    tags.sequence,
    integer(Uint8Array.of(1)),
    imprint,
    integer(nonce),
    element(tags.boolean, Uint8Array.of(0xff)),
  );
}

/** What a time-stamp token says about the text. */
export interface TimestampInfo {
  /** Lower-case hex of the hash the authority time-stamped. */
  readonly imprintSha256: string;
  /** The authority's time, ISO 8601 in UTC, e.g. `2026-12-01T23:05:12Z`. */
  readonly genTime: string;
  /** The token's serial number, hex. */
  readonly serial: string;
  /** Hex of the nonce the token repeats, when there is one. */
  readonly nonce: string | null;
}

/** Refused or unreadable reply; `granted: false` is the authority saying no (an operational error). */
export class TimestampError extends Error {
  override name = 'TimestampError';
}

const statusNames = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];

function generalizedTime(node: DerNode): string {
  const text = Buffer.from(node.content).toString('latin1');
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError(`genTime "${text}" is not a UTC GeneralizedTime`);
  const [, year, month, day, hour, minute, second, fraction] = match;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction ?? ''}Z`;
}

/** The TSTInfo inside a token (ContentInfo → SignedData → encapsulated content). */
function tstInfo(token: DerNode): TimestampInfo {
  const type = child(token, 0, tags.oid, 'the token content type');
  if (oidText(type.content) !== signedDataOid) throw new DerError('the token is not CMS SignedData');
  const signedData = child(child(token, 1, tags.context0, 'the token content'), 0, tags.sequence, 'SignedData');
  const encapsulated = child(signedData, 2, tags.sequence, 'the encapsulated content');
  if (oidText(child(encapsulated, 0, tags.oid, 'the content type').content) !== tstInfoOid) {
    throw new DerError('the token does not hold a TSTInfo');
  }
  const octets = child(child(encapsulated, 1, tags.context0, 'the TSTInfo'), 0, tags.octetString, 'the TSTInfo');
  const info = parseDer(octets.content);
  const imprint = child(info, 2, tags.sequence, 'the message imprint');
  const algorithm = child(child(imprint, 0, tags.sequence, 'the hash algorithm'), 0, tags.oid, 'the hash algorithm');
  if (oidText(algorithm.content) !== sha256Oid) throw new DerError('the token imprint is not a SHA-256');
  const nonce = info.children.slice(5).find((node) => node.tag === tags.integer);
  return {
    imprintSha256: Buffer.from(child(imprint, 1, tags.octetString, 'the hashed message').content).toString('hex'),
    serial: Buffer.from(child(info, 3, tags.integer, 'the serial number').content).toString('hex'),
    genTime: generalizedTime(child(info, 4, tags.generalizedTime, 'genTime')),
    nonce: nonce
      ? Buffer.from(nonce.content)
          .toString('hex')
          .replace(/^(00)+(?=..)/, '')
      : null,
  };
}

/**
 * Read a TimeStampResp (a `.tsr` file, or an authority's HTTP answer). Throws TimestampError when
 * the authority did not grant it, DerError when the bytes are not a reply.
 */
export function readTimestampReply(bytes: Uint8Array): TimestampInfo {
  const reply = parseDer(bytes);
  const status = smallInteger(child(child(reply, 0, tags.sequence, 'the status'), 0, tags.integer, 'the status'));
  if (status > 1) throw new TimestampError(`the authority answered "${statusNames[status] ?? status}"`);
  return tstInfo(child(reply, 1, tags.sequence, 'the time-stamp token'));
}

/** The nonce of a request built by timestampRequest, hex, as readTimestampReply reports it. */
export function requestNonce(request: Uint8Array): string {
  const node = child(parseDer(request), 2, tags.integer, 'the nonce');
  return Buffer.from(node.content)
    .toString('hex')
    .replace(/^(00)+(?=..)/, '');
}
