import { GraphQLError, Kind } from 'graphql';
import type { ZhifaBuilder } from '../builder.js';

function bad(name: string, value: unknown): GraphQLError {
  return new GraphQLError(`${name} 格式不正确 / invalid ${name}: ${JSON.stringify(value)}`);
}

export function registerScalars(builder: ZhifaBuilder): void {
  builder.scalarType('DateTime', {
    description: '时间（UTC，ISO 8601）Time in UTC, ISO 8601; clients show it in Asia/Shanghai',
    serialize: (d) => (d instanceof Date ? d.toISOString() : new Date(d as string).toISOString()),
    parseValue: (v) => {
      const d = typeof v === 'string' ? new Date(v) : null;
      if (!d || Number.isNaN(d.getTime())) throw bad('DateTime', v);
      return d;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) throw bad('DateTime', ast);
      return new Date(ast.value);
    },
  });

  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const parseDate = (v: unknown) => {
    if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())) throw bad('Date', v);
    return new Date(`${v}T00:00:00Z`);
  };
  builder.scalarType('Date', {
    description: '日期 Calendar date, YYYY-MM-DD',
    serialize: (d) => (d instanceof Date ? d : new Date(d as string)).toISOString().slice(0, 10),
    parseValue: parseDate,
    parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
  });

  // Money is integer fen (分), never floating point. JSON numbers are exact up to 2^53 fen
  // (about ¥90 trillion), far beyond any fine, so a plain number is safe on the wire.
  const parseFen = (v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad('Fen', v);
    return BigInt(v);
  };
  builder.scalarType('Fen', {
    description: '金额（分，非负整数）Money in fen (1/100 yuan), a non-negative integer',
    serialize: (v) => Number(v),
    parseValue: parseFen,
    parseLiteral: (ast) => parseFen(ast.kind === Kind.INT ? Number(ast.value) : null),
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
