/**
 * No crash on any corpus document: each either yields a catalog valid for the published schema
 * or a clean, named input problem (AsyncAPI 1.x unsupported, unreachable refs, invalid documents).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildSpec } from '../../catalog/index';
import { ROOT, corpusFiles, mermaidParse, schemaErrors } from './helpers';

const asyncapi = corpusFiles('asyncapi');

describe('AsyncAPI corpus', () => {
  it('found the corpus', () => expect(asyncapi.length).toBeGreaterThan(20));
  for (const file of asyncapi) {
    it(basename(file), async () => {
      const c = await buildCatalog([file], { cwd: ROOT });
      expect(schemaErrors('catalog-output.schema.json', c)).toEqual([]);
      if (c.errors.length) {
        expect(c.errors).toHaveLength(1);
        expect(c.errors[0].file).toContain(basename(file));
        expect(c.errors[0].message).not.toMatch(/\n\s+at /); // no stack trace
        expect(c.errors[0].message).toMatch(/not supported|not a valid AsyncAPI|run again/);
      } else {
        expect(c.documents).toHaveLength(1);
        expect(c.events.length).toBeGreaterThan(0);
      }
    });
  }

  it('AsyncAPI 1.x is a clean "unsupported version" problem', async () => {
    const file = asyncapi.find((f) => basename(f) === 'slack-events-api-asyncapi1.json')!;
    const c = await buildCatalog([file], { cwd: ROOT });
    expect(c.errors).toEqual([{ file: expect.stringContaining('slack-events-api-asyncapi1.json'), kind: 'unsupported', message: expect.stringContaining('AsyncAPI 1.2.0 is not supported') }]);
  });

  it('a multi-file document with unreachable refs names the file and what to do', async () => {
    const file = asyncapi.find((f) => basename(f) === 'forsakringskassan-rimfrost-process.yaml')!;
    const c = await buildCatalog([file], { cwd: ROOT });
    expect(c.errors[0]).toMatchObject({ kind: 'invalid' });
    expect(c.errors[0].message).toContain('kogito-cloudevent.yaml');
    expect(c.errors[0].message).toContain('Make every referenced file available');
  });

  it('the whole corpus at once: one specification, schema-valid, diagram parses', async () => {
    const spec = await buildSpec(asyncapi, { cwd: ROOT });
    expect(schemaErrors('spec-output.schema.json', spec)).toEqual([]);
    expect(spec.catalog.events.length).toBeGreaterThan(50);
    await expect(mermaidParse(spec.diagram)).resolves.toBeUndefined();
  });
});
