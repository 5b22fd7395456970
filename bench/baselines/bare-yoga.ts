// Baseline: the pipeline floor. graphql-yoga with a one-field schema on the same HTTP stack as the
// server (node:http → yoga.handle), production settings, no database, no auth.
// `--default-body-limit` keeps yoga's own streaming body limit, as bare yoga ships (and as the issue
// measured its targets against); without it the limit is off as in the server, whose front door
// bounds the body instead.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({ typeDefs: `type Query { hello: String! }`, resolvers: { Query: { hello: () => 'world' } } }),
  graphqlEndpoint: '/graphql',
  graphiql: false,
  landingPage: false,
  // As the server: its HTTP front bounds the body, so yoga's own streaming limit is off (app.ts).
  ...(process.argv.includes('--default-body-limit') ? {} : { maxRequestBodySize: false as const }),
  logging: false,
});
const server = createServer((req, res) => void yoga.handle(req, res));
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
