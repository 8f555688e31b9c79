import type { z } from 'zod';
import type { endpoints } from '@/api/contract/endpoints';
import type { Actor, Ctx, FileResult } from '@/api/services/context';

type E = typeof endpoints;
/** The session's own endpoints set and clear cookies, so the app answers them itself (and health and the OpenAPI document). */
type SessionEndpoint =
  | 'health'
  | 'openApi'
  | 'certificateSigningKey'
  | 'signIn'
  | 'currentSession'
  | 'signOut'
  | 'listSessions'
  | 'endSession'
  | 'signOutEverywhere'
  // The customer's consent page has no session at all; the app answers it with the caller's address.
  | 'publicAccessPage'
  | 'publicAccessConsent'
  | 'publicAccessDecline'
  | 'publicAccessWithdraw'
  // One's own two-factor sign-in: any session, even one that must set it up first.
  | 'ownMfa'
  | 'startMfaEnrolment'
  | 'confirmMfa'
  | 'turnOffMfa'
  // Its body is a PDF, not JSON: the app reads it under its own size limit.
  | 'uploadDpaDocument';
export type HandledEndpoint = Exclude<keyof E, SessionEndpoint>;

type QueryOf<K extends keyof E> = E[K] extends { query: infer Q extends z.ZodType } ? z.infer<Q> : undefined;
type BodyOf<K extends keyof E> = E[K] extends { body: infer B extends z.ZodType } ? z.infer<B> : undefined;
/** What a handler answers: its endpoint's response as the schema reads it (so `actions` cannot be left out), or a file. */
type OutputOf<K extends keyof E> = E[K]['response'] extends z.ZodType ? z.input<E[K]['response']> : FileResult;

/** What the app hands a handler: the request read, checked and parsed by the endpoint's entry. */
export type Input<K extends keyof E> = { ctx: Ctx; actor: Actor; id: string; query: QueryOf<K>; body: BodyOf<K>; version: number };

export type Handlers<K extends HandledEndpoint = HandledEndpoint> = { [N in K]: (input: Input<N>) => Promise<OutputOf<N>> };
