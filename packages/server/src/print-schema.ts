// Prints the SDL of the full schema (all installed plugins) to schema/schema.graphql.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { createSchema } from '@zhifa/core';
import { INSTALLED_PLUGINS } from './plugins.js';

export const SDL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql');

export function currentSdl(): string {
  return `${printSchema(createSchema({ plugins: INSTALLED_PLUGINS }).schema)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await writeFile(SDL_PATH, currentSdl());
  console.log(`wrote ${path.relative(process.cwd(), SDL_PATH)}`);
}
