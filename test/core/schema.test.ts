import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printSchema } from 'graphql';
import { createSchema } from '@zhifa/core';
import { currentSdl, SDL_PATH } from '../../packages/server/src/print-schema.js';

describe('schema', () => {
  it('builds with no plugins', () => {
    const { schema } = createSchema({ plugins: [] });
    expect(schema.getQueryType()?.getFields().agencies).toBeDefined();
    expect(printSchema(schema)).toContain('type EnforcementCase');
  });

  it('committed SDL is current (run `pnpm schema:print`)', async () => {
    expect(await readFile(SDL_PATH, 'utf8')).toBe(currentSdl());
  });
});
