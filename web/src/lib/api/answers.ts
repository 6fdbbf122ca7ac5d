// The types of the API's answers, from the types generated from its OpenAPI document (`npm run api:types`): what
// pages and components declare for the data they are given, instead of importing the server's schemas.
import type { operations } from './schema.d.ts';

type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : never;

/** The JSON body of an operation's successful answer: `Answer<'getLesson'>`. */
export type Answer<O extends keyof operations> =
  Success<operations[O]['responses']> extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body an operation takes: `RequestBody<'updateUser'>`. */
export type RequestBody<O extends keyof operations> =
  NonNullable<operations[O]['requestBody']> extends { content: { 'application/json': infer J } } ? J : never;
