/**
 * React, React Router and TanStack Query choose their development or production build by NODE_ENV when they
 * are first loaded. The server draws pages with the production builds whatever mode it runs in (outside
 * tests): `npm start` runs without NODE_ENV, and the development builds drew a page in about 1.6x the time
 * (warm /processors 45 vs 28 ms, /deletions 62 vs 35) for checks the tests make anyway (Vitest runs with
 * NODE_ENV=test and keeps them). Imported first by server/main.ts; the server's own mode (config.ts) is read
 * from the environment as the process started, `startedWith`.
 */
export const startedWith = process.env.NODE_ENV;
if (process.env.NODE_ENV !== 'test') process.env.NODE_ENV = 'production';
