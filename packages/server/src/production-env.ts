// Imported first by main.ts, before anything loads graphql-js: graphql-js (and React-style
// libraries) pick their production code paths from NODE_ENV once, at module load. A county that
// sets only ZHIFA_ENV=production must get them too, so the server does not depend on an operator
// remembering a second variable.
if (process.env.ZHIFA_ENV === 'production' && process.env.NODE_ENV === undefined) process.env.NODE_ENV = 'production';

export {};
