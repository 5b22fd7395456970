// Input hygiene, in one place: a Pothos plugin that checks every argument of every field (queries,
// mutations, subscriptions; nested input objects and lists included) before validation, access
// checks and the resolver run.
//
// - every String and ID value: text.ts — NFC, no control characters (line feed and tab only in
//   `multiline` text), no invisible or bidi characters in names; the normalised text is what
//   resolvers (and zod, after us) see;
// - every Date, DateTime and Fen value: values.ts — a value the scalar refused arrives as a
//   RefusedInput and is reported here, at its path;
// - every list: at most MAX_LIST_ITEMS items (events(topics:), nodes(ids:), personIds, …), checked
//   before anything looks at the items; a field whose list is by nature longer (a survey organisation's
//   batch of responses) declares its own bound with `extensions: maxListItems(n)`, still checked here.
//
// All problems of one request are reported together as one ValidationError (VALIDATION_FAILED,
// bilingual, with the path of each): a mutation's typed result, a top-level error of a query. It is
// thrown from an argument mapper, before anything is read or written.
import SchemaBuilder, {
  BasePlugin,
  mapInputFields,
  unwrapInputFieldType,
  type InputFieldMapping,
  type InputFieldsMapping,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { ValidationError, type FieldIssue } from '../errors.js';
import { checkText, TEXT_KIND, type TextKind } from './text.js';
import { RefusedInput } from './values.js';

/** Longest list any argument or input field may carry, unless it declares its own bound. */
export const MAX_LIST_ITEMS = 100;

const MAX_ITEMS = 'zhifaMaxListItems';

/**
 * `t.arg({ type: [X], extensions: maxListItems(1000) })`: this field's lists may hold up to `n` items instead of
 * MAX_LIST_ITEMS. For a field whose unit of work is a batch (the survey organisation's responses); the bound is
 * still checked here, before anything reads the items.
 */
export function maxListItems(n: number): Record<string, number> {
  return { [MAX_ITEMS]: n };
}

interface FieldRule {
  /** Scalar name for scalar fields ('String', 'ID', 'Date', …), null otherwise. */
  scalar: string | null;
  text: TextKind;
  maxItems: number;
}

type Mapping = InputFieldsMapping<SchemaTypes, FieldRule>;
type FieldMapping = InputFieldMapping<SchemaTypes, FieldRule>;

const TEXT_SCALARS = new Set(['String', 'ID']);

export class ZhifaInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private cache = new Map();

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const mapping = mapInputFields(
      fieldConfig.args,
      this.buildCache,
      (field: PothosInputFieldConfig<Types>): FieldRule => {
        const type = this.buildCache.getTypeConfig(unwrapInputFieldType(field.type));
        return {
          scalar: type.kind === 'Scalar' ? type.name : null,
          text: (field.extensions?.[TEXT_KIND] as TextKind | undefined) ?? 'line',
          maxItems: (field.extensions?.[MAX_ITEMS] as number | undefined) ?? MAX_LIST_ITEMS,
        };
      },
      this.cache,
    ) as Mapping | null;
    if (!mapping) return fieldConfig;
    return {
      ...fieldConfig,
      argMappers: [...(fieldConfig.argMappers ?? []), (args) => checkArgs(args, mapping)],
    };
  }
}

function checkArgs(args: Record<string, unknown>, mapping: Mapping): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const checked = checkObject(args, mapping, [], issues);
  if (issues.length) throw new ValidationError(issues);
  return checked;
}

function checkObject(obj: Record<string, unknown>, mapping: Mapping, path: (string | number)[], issues: FieldIssue[]) {
  const out: Record<string, unknown> = { ...obj };
  for (const [name, field] of mapping) {
    const value = obj[name];
    if (value != null) out[name] = checkValue(value, field, field.listDepth, [...path, name], issues);
  }
  return out;
}

function checkValue(
  value: unknown,
  field: FieldMapping,
  listDepth: number,
  path: (string | number)[],
  issues: FieldIssue[],
): unknown {
  if (listDepth > 0 && Array.isArray(value)) {
    const max = field.value?.maxItems ?? MAX_LIST_ITEMS;
    if (value.length > max) {
      issues.push({
        path,
        messageZh: `最多 ${max} 项（收到 ${value.length} 项）`,
        messageEn: `at most ${max} items (got ${value.length})`,
      });
      return value;
    }
    return (value as unknown[]).map((item, i) =>
      item == null ? item : checkValue(item, field, listDepth - 1, [...path, i], issues),
    );
  }
  if (field.kind === 'InputObject') {
    return field.fields.map && typeof value === 'object'
      ? checkObject(value as Record<string, unknown>, field.fields.map, path, issues)
      : value;
  }
  if (field.kind !== 'Scalar') return value;
  if (value instanceof RefusedInput) {
    issues.push({ path, messageZh: value.reason.zh, messageEn: value.reason.en });
    return value;
  }
  if (typeof value === 'string' && TEXT_SCALARS.has(field.value.scalar ?? '')) {
    const r = checkText(field.value.text, value);
    if ('value' in r) return r.value;
    issues.push({ path, messageZh: r.error.zh, messageEn: r.error.en });
  }
  return value;
}

const pluginName = 'zhifaInput';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      zhifaInput: ZhifaInputPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, ZhifaInputPlugin);

export default pluginName;
