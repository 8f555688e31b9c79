import {
  addBreachNotification,
  assessBreach,
  breachDrafts,
  createBreach,
  editBreachNotification,
  exportBreachAffected,
  getBreach,
  listBreaches,
  refreshBreachAffected,
  sendBreachNotification,
  updateBreach,
} from '@/api/services/breaches';
import type { Handlers } from './handler';

/** The breach register: its clocks, who is affected, the assessment and every notice sent. */
export const breachHandlers = {
  listBreaches: ({ ctx, query }) => listBreaches(ctx, query),
  getBreach: ({ ctx, actor, id }) => getBreach(ctx, actor, id),
  createBreach: ({ ctx, actor, body }) => createBreach(ctx, actor, body),
  updateBreach: ({ ctx, actor, id, version, body }) => updateBreach(ctx, actor, id, version, body),
  refreshBreachAffected: ({ ctx, actor, id, version }) => refreshBreachAffected(ctx, actor, id, version),
  exportBreachAffected: ({ ctx, actor, id, query }) => exportBreachAffected(ctx, actor, id, query),
  assessBreach: ({ ctx, actor, id, version, body }) => assessBreach(ctx, actor, id, version, body),
  breachDrafts: ({ ctx, actor, id }) => breachDrafts(ctx, actor, id),
  addBreachNotification: ({ ctx, actor, id, version, body }) => addBreachNotification(ctx, actor, id, version, body),
  editBreachNotification: ({ ctx, actor, id, version, body }) => editBreachNotification(ctx, actor, id, version, body),
  sendBreachNotification: ({ ctx, actor, id, version, body }) => sendBreachNotification(ctx, actor, id, version, body),
} satisfies Partial<Handlers>;
