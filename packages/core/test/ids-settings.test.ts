// The one global-id parser and plugin settings, as pure functions.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  decodeGlobalIdOrNothing,
  defineSettings,
  MAX_ROW_ID,
  msg,
  nodeRowId,
  NOT_A_GLOBAL_ID,
  parseId,
  parseOptionalId,
  PluginSettings,
  settingsFromEnv,
  settingVariable,
  tryParseId,
  ValidationError,
} from '@zhifa/core';

const gid = (typename: string, id: string) => ({ typename, id });

describe('parseId', () => {
  it('answers the row id of a global id of an expected type', () => {
    expect(parseId(gid('Agency', '12'), 'Agency', ['id'])).toBe(12);
    expect(parseId(gid('NonPenaltyListItem', '3'), ['NonPenaltyListItem', 'ListItem'], ['id'])).toBe(3);
    expect(parseOptionalId(null, 'Agency', ['id'])).toBeNull();
    expect(parseId(gid('Agency', String(MAX_ROW_ID)), 'Agency', ['id'])).toBe(2_147_483_647);
  });

  it('a string that is not a global id decodes to no type, so parseId refuses it and nodeRowId matches nothing', () => {
    for (const bad of ['%%%', Buffer.from('no colon').toString('base64'), Buffer.from(':1').toString('base64'), '']) {
      expect(decodeGlobalIdOrNothing(bad)).toEqual(NOT_A_GLOBAL_ID);
      expect(tryParseId(decodeGlobalIdOrNothing(bad), 'Agency')).toBeNull();
    }
    expect(decodeGlobalIdOrNothing(Buffer.from('Agency:12').toString('base64'))).toEqual({
      typename: 'Agency',
      id: '12',
    });
    expect(nodeRowId('12')).toBe(12);
    for (const bad of ['abc', '-1', '1.5', '2147483648', '']) expect(nodeRowId(bad)).toBe(-1);
  });

  it.each([
    ['another type', gid('Person', '12')],
    ['a non-number', gid('Agency', 'abc')],
    ['a negative number', gid('Agency', '-1')],
    ['a fraction', gid('Agency', '1.5')],
    ['a number past 2^53', gid('Agency', '9007199254740993')],
    ['a number past int4, which no row id can be', gid('Agency', '2147483648')],
    ['an empty id', gid('Agency', '')],
  ])('refuses %s with a ValidationError naming the argument', (_what, id) => {
    expect(tryParseId(id, 'Agency')).toBeNull();
    let err: unknown;
    try {
      parseId(id, 'Agency', ['input', 'agencyId']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]).toMatchObject({
      path: ['input', 'agencyId'],
      messageEn: 'not an id of a Agency',
    });
  });
});

describe('plugin settings', () => {
  const spec = defineSettings('ZHIFA_SAMPLE_PLUGIN_', {
    lookbackYears: z.coerce
      .number(msg('须为整数', 'must be an integer'))
      .int(msg('须为整数', 'must be an integer'))
      .min(1)
      .max(20)
      .default(2),
    label: z.string().default('x'),
  });

  it('names each variable from the prefix and the key', () => {
    expect(settingVariable(spec, 'lookbackYears')).toBe('ZHIFA_SAMPLE_PLUGIN_LOOKBACK_YEARS');
  });

  it('reads set variables, leaves the rest to defaults, and treats blank as unset', () => {
    expect(settingsFromEnv(spec, { ZHIFA_SAMPLE_PLUGIN_LOOKBACK_YEARS: ' 5 ', ZHIFA_SAMPLE_PLUGIN_LABEL: '' })).toEqual(
      {
        value: { lookbackYears: 5, label: 'x' },
        issues: [],
      },
    );
  });

  it('reports a bad value under its variable, in Chinese and English, with what it got', () => {
    const r = settingsFromEnv(spec, { ZHIFA_SAMPLE_PLUGIN_LOOKBACK_YEARS: '2.5' });
    expect(r.value).toBeNull();
    expect(r.issues).toEqual([
      {
        variable: 'ZHIFA_SAMPLE_PLUGIN_LOOKBACK_YEARS',
        zh: '须为整数（当前值 “2.5”）',
        en: 'must be an integer (got "2.5")',
      },
    ]);
  });

  it('answers defaults for a spec nobody configured, and what was set otherwise', () => {
    expect(new PluginSettings().get(spec)).toEqual({ lookbackYears: 2, label: 'x' });
    expect(new PluginSettings().set(spec, { lookbackYears: 7, label: 'y' }).get(spec)).toEqual({
      lookbackYears: 7,
      label: 'y',
    });
  });

  it('refuses a prefix that is not ZHIFA_<NAME>_', () => {
    expect(() => defineSettings('NON_PENALTY_', {})).toThrow();
  });
});
