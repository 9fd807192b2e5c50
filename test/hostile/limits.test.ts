/**
 * The action's pre-checks and limit inputs, as units: what each refuses and what it lets through.
 */
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { parseMemory, parseSize, parseTimeout } from '../../action/inputs';
import { aliasBombProblem, aliasExpansion, contentProblem, firstInvalidUtf8, isValidJson } from '../../action/limits';
import { aliasBomb, binaryBytes } from '../support/hostile';

describe('limit inputs', () => {
  it('max-document-size: bytes or units of 1024, 0 for no limit; anything else names the input', () => {
    expect(parseSize('max-document-size', '30MB')).toBe(30 * 1024 * 1024);
    expect(parseSize('max-document-size', '512 kb')).toBe(512 * 1024);
    expect(parseSize('max-document-size', '1GiB')).toBe(1024 ** 3);
    expect(parseSize('max-document-size', '1000')).toBe(1000);
    expect(parseSize('max-document-size', '0')).toBe(0);
    expect(() => parseSize('max-document-size', 'big')).toThrow(/input "max-document-size" must be a size such as 30MB.*got "big"/);
    expect(() => parseSize('max-document-size', '-1MB')).toThrow(/max-document-size/);
  });

  it('document-timeout: seconds, 90s, 2m; 0 for no limit', () => {
    expect(parseTimeout('60')).toBe(60_000);
    expect(parseTimeout('90s')).toBe(90_000);
    expect(parseTimeout('2m')).toBe(120_000);
    expect(parseTimeout('0')).toBe(0);
    expect(() => parseTimeout('soon')).toThrow(/input "document-timeout" must be a number of seconds/);
  });

  it('max-memory: MB (or 2GB), at least 128, 0 for the default', () => {
    expect(parseMemory('1024')).toBe(1024);
    expect(parseMemory('2GB')).toBe(2048);
    expect(parseMemory('0')).toBe(0);
    expect(() => parseMemory('64')).toThrow(/at least 128/);
    expect(() => parseMemory('lots')).toThrow(/max-memory/);
  });
});

describe('content pre-checks', () => {
  it('empty, whitespace-only and BOM-only files are empty; a document is not', () => {
    for (const text of ['', ' \n\t\r\n', '\uFEFF\n']) expect(contentProblem(Buffer.from(text))).toMatch(/the file is empty/);
    expect(contentProblem(Buffer.from('openapi: 3.1.0\n'))).toBeUndefined();
  });

  it('binary files and invalid UTF-8 (with line and column); valid multi-byte text passes', () => {
    expect(contentProblem(binaryBytes())).toMatch(/binary/);
    expect(contentProblem(Buffer.concat([Buffer.from('a: 1\nbé: '), Buffer.from([0xc3, 0x28])]))).toMatch(/byte 0xc3 at line 2, column 5/);
    expect(firstInvalidUtf8(Buffer.from('日本語 ünïcødé 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
  });

  it('the native UTF-8 check (used first, for speed) agrees with firstInvalidUtf8 on every byte sequence', () => {
    // Bytes around every boundary of the encoding: continuation bytes, overlong and surrogate
    // lead bytes, 4-byte leads past U+10FFFF.
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    fc.assert(
      fc.property(fc.array(fc.oneof(edgy, fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), (list) => {
        const bytes = Buffer.from(list);
        expect(isUtf8(bytes)).toBe(firstInvalidUtf8(bytes) < 0);
      }),
      { numRuns: 20_000 },
    );
  });

  it('alias bombs are refused; ordinary anchors, and text without aliases, are not', () => {
    expect(aliasBombProblem(aliasBomb(9))).toMatch(/more than 1,000,000 nodes from \d+ written ones/);
    expect(aliasExpansion(aliasBomb(5))?.expanded).toBeGreaterThan(100_000);
    expect(aliasBombProblem(aliasBomb(5))).toBeUndefined();
    const anchors = 'openapi: 3.1.0\ncomponents:\n  a: &err {type: object, properties: {code: {type: string}}}\n  b: *err\n  c: *err\n';
    expect(aliasExpansion(anchors)?.expanded).toBeLessThan(100);
    expect(aliasExpansion('description: "a *b* c"\n')).toBeUndefined();
  });

  it('a JSON document mentioning & and * in its strings is cleared without a YAML parse; YAML flow style with anchors is not JSON', () => {
    const json = JSON.stringify({ openapi: '3.0.0', info: { title: 'x &anchor', description: 'see *alias' } });
    expect(isValidJson(json)).toBe(true);
    expect(isValidJson('\uFEFF ' + json)).toBe(true);
    expect(aliasExpansion(json)).toBeUndefined();
    // The same bomb written in flow style looks like JSON, but JSON.parse refuses it: still measured.
    const flow = '{"a": &a ["x","x","x","x","x","x","x","x","x","x"], "b": &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], "c": &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b], "d": [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]}';
    expect(isValidJson(flow)).toBe(false);
    expect(aliasExpansion(flow)?.expanded).toBeGreaterThan(10_000);
  });
});
