// A column a select-mode type always loads is read straight off the row.
//
// In select mode (Agency, Enterprise, EnforcementCase: only the asked columns are loaded) every
// exposed column carries its own `select`, so @pothos/plugin-prisma wraps its resolver: for every
// row, the wrapper looks up which query loaded that row (a path string and a few map lookups) in
// case the column is missing and has to be fetched. For a column the type's own `select` names, the
// answer is always "loaded": every query of the type selects it. This plugin drops the field's own
// select for exactly those columns, so they resolve like a plain property read.
//
// Measured (in-process `yoga.fetch`, `agencies(first: 20) { edges { node { id name kind } } }`):
// the per-row lookups were 11–12 % of the process's CPU; the request's CPU fell by about a
// quarter with `name` and `kind` in Agency's select.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const column = fieldConfig.extensions?.pothosPrismaVariant;
    const own = fieldConfig.extensions?.pothosPrismaSelect;
    if (fieldConfig.kind !== 'PrismaObject' || typeof column !== 'string' || !isJustColumn(own, column))
      return fieldConfig;
    const typeSelect = this.buildCache.getTypeConfig(fieldConfig.parentType).extensions?.pothosPrismaSelect as
      Record<string, unknown> | undefined;
    if (typeSelect?.[column] !== true) return fieldConfig;
    const { pothosPrismaSelect: _dropped, ...extensions } = fieldConfig.extensions!;
    return { ...fieldConfig, extensions };
  }
}

/** `{ [column]: true }`: what `t.expose*` gives a field of a select-mode type, and nothing else. */
function isJustColumn(select: unknown, column: string): boolean {
  if (typeof select !== 'object' || select === null) return false;
  const keys = Object.keys(select);
  return keys.length === 1 && keys[0] === column && (select as Record<string, unknown>)[column] === true;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('loadedColumns', LoadedColumnsPlugin);

export default 'loadedColumns' as const;
