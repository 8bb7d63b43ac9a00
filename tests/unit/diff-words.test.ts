/**
 * The word diff inside a changed passage (jsdiff's diffArrays over tokens that carry their
 * formatting): words compare by text only, and each run keeps its own side's bold and links.
 */
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/lib/diff/index.ts';
import { parseDocument } from '../../src/lib/document.ts';

const changed = (a: string, b: string) =>
  diffVersions(parseDocument('T', a), parseDocument('T', b)).blocks.find((x) => x.status === 'changed');

describe('word diff with formatting', () => {
  it('a word set in bold or linked is the same word, with the newer formatting', () => {
    const block = changed('Contact us by mail at any time.', 'Contact **us** by [email](mailto:a@b.c) at any time.');
    expect(block?.ops.map((op) => `${op.op}:${op.text}`)).toEqual([
      'equal:Contact us by',
      'delete:mail',
      'insert:email',
      'equal:at any time.',
    ]);
    expect(block?.ops[0]?.inlines).toEqual([
      { type: 'text', value: 'Contact ' },
      { type: 'strong', children: [{ type: 'text', value: 'us' }] },
      { type: 'text', value: ' by' },
    ]);
    expect(block?.ops[2]?.inlines).toEqual([
      { type: 'link', href: 'mailto:a@b.c', children: [{ type: 'text', value: 'email' }] },
    ]);
  });

  it('removed words keep the older formatting, added words the newer', () => {
    const block = changed(
      'You can read **the full notice** [online](/notice) at any time of the day.',
      'You can read the *short summary* [on paper](/paper) at any time of the day.',
    );
    expect(block?.ops.map((op) => `${op.op}:${op.text}`)).toEqual([
      'equal:You can read the',
      'delete:full notice online',
      'insert:short summary on paper',
      'equal:at any time of the day.',
    ]);
    expect(block?.ops[1]?.inlines).toEqual([
      { type: 'strong', children: [{ type: 'text', value: 'full notice' }] },
      { type: 'text', value: ' ' },
      { type: 'link', href: '/notice', children: [{ type: 'text', value: 'online' }] },
    ]);
    expect(block?.ops[2]?.inlines).toEqual([
      { type: 'emphasis', children: [{ type: 'text', value: 'short summary' }] },
      { type: 'text', value: ' ' },
      { type: 'link', href: '/paper', children: [{ type: 'text', value: 'on paper' }] },
    ]);
  });

  it('a word half in bold keeps both parts, and spaces inside one link stay inside it', () => {
    const block = changed(
      'See **AllWork**’s [privacy choices page](/c) now.',
      'See **AllWork**’s [privacy choices page](/c) today.',
    );
    expect(block?.ops[0]?.inlines).toEqual([
      { type: 'text', value: 'See ' },
      { type: 'strong', children: [{ type: 'text', value: 'AllWork' }] },
      { type: 'text', value: '’s ' },
      { type: 'link', href: '/c', children: [{ type: 'text', value: 'privacy choices page' }] },
    ]);
    expect(block?.ops.slice(1).map((op) => `${op.op}:${op.text}`)).toEqual(['delete:now.', 'insert:today.']);
  });
});
