import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { ZhifaBuilder } from '../builder.js';
import { parseCalendarDate, parseFenValue, parseInstant, type InputLimits } from '../input/values.js';

function bad(name: string, value: unknown): GraphQLError {
  return new GraphQLError(`${name} 格式不正确 / invalid ${name}: ${JSON.stringify(value)}`);
}

// Date, DateTime and Fen accept exactly what input/values.ts says. A value they refuse is handed on
// as a RefusedInput, which the input plugin reports at its path as VALIDATION_FAILED (a typed
// ValidationError for a mutation); it never reaches a resolver.
export function registerScalars(builder: ZhifaBuilder, limits: InputLimits): void {
  const literal = (ast: ValueNode) => (ast.kind === Kind.STRING ? ast.value : null);

  builder.scalarType('DateTime', {
    description:
      '时间（UTC 输出；输入为带时区的 RFC 3339，1900–2100 年）Time: output in UTC; input RFC 3339 with an offset, years 1900–2100; clients show it in Asia/Shanghai',
    serialize: (d) => (d instanceof Date ? d.toISOString() : new Date(d as string).toISOString()),
    // The scalar's declared input type is Date; a refusal travels as RefusedInput (see above).
    parseValue: (v) => parseInstant(v) as Date,
    parseLiteral: (ast) => parseInstant(literal(ast)) as Date,
  });

  builder.scalarType('Date', {
    description: '日期 Calendar date, YYYY-MM-DD: a real day (2025-02-30 is refused), years 1900–2100',
    serialize: (d) => (d instanceof Date ? d : new Date(d as string)).toISOString().slice(0, 10),
    parseValue: (v) => parseCalendarDate(v) as Date,
    parseLiteral: (ast) => parseCalendarDate(literal(ast)) as Date,
  });

  // Money is integer fen (分), never floating point. JSON numbers are exact up to 2^53 fen; inputs
  // are bounded far below that by limits.maxFen (server configuration, ZHIFA_MAX_FEN).
  builder.scalarType('Fen', {
    description: `金额（分，非负整数，输入不超过 ${limits.maxFen} 分）Money in fen (1/100 yuan), a non-negative integer; input at most ${limits.maxFen}`,
    serialize: (v) => Number(v),
    parseValue: (v) => parseFenValue(v, limits.maxFen) as bigint,
    parseLiteral: (ast) => parseFenValue(ast.kind === Kind.INT ? Number(ast.value) : null, limits.maxFen) as bigint,
  });

  builder.scalarType('JSON', {
    description: '任意 JSON 值 Any JSON value',
    serialize: (v) => v,
    parseValue: (v) => v,
  });

  // graphql-yoga parses GraphQL multipart requests itself and hands resolvers a web File.
  builder.scalarType('File', {
    description: '上传的文件（GraphQL multipart 请求）An uploaded file (GraphQL multipart request); input only',
    serialize: () => {
      throw new GraphQLError('File 仅用于输入 / File is an input-only scalar');
    },
    // Duck-typed: yoga's File may come from its fetch ponyfill rather than the global class.
    parseValue: (v) => {
      if (!v || typeof v !== 'object' || typeof (v as File).arrayBuffer !== 'function') throw bad('File', typeof v);
      return v as File;
    },
  });
}
