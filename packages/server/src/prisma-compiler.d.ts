// Prisma 6's query compiler runtime ships without types; prisma-plans.ts wraps its compile method (plan cache).
declare module '@prisma/client/runtime/query_compiler_bg.postgresql.mjs' {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
