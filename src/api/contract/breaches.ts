import { z } from 'zod';
import { actionsOf, csv, cursorParam, id, instant, limitParam, requiredText, text, version } from './common';
import { dataCategory } from './processors';

/** Policy 5.6 and GDPR Art. 33/34: the breach register. */
export const breachStatuses = ['open', 'contained', 'closed'] as const;
export const breachStatus = z.enum(breachStatuses);
export type BreachStatus = z.infer<typeof breachStatus>;

/** Whose data it is: ours as controller (Art. 33(1)), customers' content as their processor (Art. 33(2), policy 5.3), or both. */
export const breachConcerns = ['own_data', 'customer_content', 'both'] as const;
const breachConcern = z.enum(breachConcerns);

export const riskLevels = ['low', 'medium', 'high'] as const;
const riskLevel = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof riskLevel>;

/** What the law requires once the risk is assessed (Art. 33(1), 34(1)). */
const breachDecisions = ['no_notification', 'authority', 'authority_and_people'] as const;
const breachDecision = z.enum(breachDecisions);
export type BreachDecision = z.infer<typeof breachDecision>;

/** Art. 34(3): when people need not be told individually even though the risk to them is high. */
export const art34Exceptions = ['data_unintelligible', 'risk_no_longer_likely', 'disproportionate_effort'] as const;
const art34Exception = z.enum(art34Exceptions);
export type Art34Exception = z.infer<typeof art34Exception>;

/** Who a notification goes to: the supervisory authority, the people affected, or the customers (controllers). */
export const notificationAudiences = ['authority', 'people', 'customers'] as const;
const notificationAudience = z.enum(notificationAudiences);
export type NotificationAudience = z.infer<typeof notificationAudience>;

/** A system from the registry: a processor or one of our own storage locations. */
const breachSystem = z.object({ processorId: id, name: z.string(), kind: z.enum(['processor', 'own_location']) });

const count = z.number().int().nonnegative();

/** Who is affected, as computed from the systems and the registry at `computedAt`. */
const breachAffected = z.object({
  computedAt: instant,
  dataCategories: z.array(dataCategory),
  accounts: count,
  people: count,
  /** Website visitors; null when a system holds visitors' data we cannot count. */
  visitors: count.nullable(),
  systems: z.array(
    z.object({
      processorId: id,
      name: z.string(),
      /** How its figures were found, in a sentence (the ledger's consents at the time, or the accounts it holds). */
      basis: z.string(),
      accounts: count,
      people: count,
      visitors: count.nullable(),
    }),
  ),
});
export type BreachAffected = z.infer<typeof breachAffected>;

const breachAssessment = z.object({
  likelihood: riskLevel,
  severity: riskLevel,
  reasoning: z.string(),
  exception: art34Exception.nullable(),
  decision: breachDecision,
  assessedAt: instant,
  assessedBy: id,
  assessedByName: z.string(),
});

const breachNotification = z.object({
  id,
  audience: notificationAudience,
  /** To whom: the authority's name, "All affected people", a customer list. */
  recipient: z.string(),
  text: z.string(),
  status: z.enum(['draft', 'sent']),
  /** 1 for the first notice to the audience, 2 and on for the phases that follow it (Art. 33(4)). */
  phase: z.number().int().positive().nullable(),
  sentAt: instant.nullable(),
  /** Sent after the audience's deadline: the reasons for the delay (Art. 33(1)). */
  late: z.boolean(),
  delayReasons: z.string().nullable(),
  createdAt: instant,
  createdBy: id,
  recordedBy: id.nullable(),
  recordedByName: z.string().nullable(),
});
export type BreachNotification = z.infer<typeof breachNotification>;

export const breach = z.object({
  id,
  version,
  title: z.string(),
  description: z.string(),
  /** When it happened: an instant, or a range when only that is known. */
  occurredFrom: instant,
  occurredTo: instant.nullable(),
  /** When we became aware: the clock starts here (never later than the record's creation). */
  awareAt: instant,
  reportedBy: z.string(),
  ownerId: id,
  ownerName: z.string(),
  systems: z.array(breachSystem),
  dataCategories: z.array(dataCategory),
  concerns: breachConcern,
  status: breachStatus,
  affected: breachAffected.nullable(),
  /** When the systems or the time changed after `affected` was computed: a refresh is due. */
  scopeChangedAt: instant.nullable(),
  assessment: breachAssessment.nullable(),
  notifications: z.array(breachNotification),
  createdAt: instant,
  createdBy: id,
  updatedAt: instant,
  closedAt: instant.nullable(),
});
export type Breach = z.infer<typeof breach>;

const breachInput = z.object({
  title: requiredText(200),
  description: text(4000),
  occurredFrom: instant,
  occurredTo: instant.nullable(),
  awareAt: instant,
  reportedBy: requiredText(200),
  systemIds: z.array(id).min(1, 'Pick at least one system').max(50),
  dataCategories: z.array(dataCategory).max(20),
  concerns: breachConcern,
});
export type BreachInput = z.infer<typeof breachInput>;
export const createBreach = breachInput;
export const updateBreach = breachInput.partial().extend({ status: breachStatus.optional() });
export type UpdateBreach = z.infer<typeof updateBreach>;

export const assessBreach = z.object({
  likelihood: riskLevel,
  severity: riskLevel,
  reasoning: requiredText(4000),
  exception: art34Exception.nullable(),
});
export type AssessBreach = z.infer<typeof assessBreach>;

export const addBreachNotification = z.object({
  audience: notificationAudience,
  recipient: requiredText(300),
  text: requiredText(20000),
});
export type AddBreachNotification = z.infer<typeof addBreachNotification>;
export const editBreachNotification = z.object({
  notificationId: id,
  recipient: requiredText(300).optional(),
  text: requiredText(20000).optional(),
});
export type EditBreachNotification = z.infer<typeof editBreachNotification>;
export const sendBreachNotification = z.object({
  notificationId: id,
  /** When it went out; now when left out. */
  sentAt: instant.optional(),
  delayReasons: text(4000).optional(),
});
export type SendBreachNotification = z.infer<typeof sendBreachNotification>;

/** One audience's clock, from awareness: its deadline, and how things stand with it now. */
const breachClock = z.object({
  audience: z.enum(['authority', 'customers']),
  deadline: instant,
  /** Whether this notice is required as things stand (assessment, whose data). */
  required: z.boolean(),
  state: z.enum(['running', 'met', 'missed', 'late', 'not_required']),
  /** Seconds left until the deadline (negative once past); null once met, sent late or not required. */
  secondsLeft: z.number().int().nullable(),
});
export type BreachClock = z.infer<typeof breachClock>;

const breachActionNames = [
  'edit',
  'refreshAffected',
  'exportAffected',
  'assess',
  'addNotification',
  'editNotification',
  'sendNotification',
  'close',
] as const;
export type BreachActionName = (typeof breachActionNames)[number];

export const breachView = breach.extend({
  clocks: z.array(breachClock),
  /** Whether people must be told individually (Art. 34), as assessed. */
  peopleMustBeTold: z.boolean(),
  actions: actionsOf(breachActionNames),
});
export type BreachView = z.infer<typeof breachView>;

/**
 * A breach as a list answers it (issue 21): what the register draws (title, status, when we became aware, the
 * clocks), who owns it and the version. A list offers no action; the description, the affected counts, the
 * assessment and every notification's text are the breach's own answer.
 */
export const breachListItem = breachView.pick({
  id: true,
  version: true,
  title: true,
  status: true,
  concerns: true,
  occurredFrom: true,
  occurredTo: true,
  awareAt: true,
  ownerId: true,
  ownerName: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  clocks: true,
  peopleMustBeTold: true,
});
export type BreachListItem = z.infer<typeof breachListItem>;

export const breachDrafts = z.object({ authority: z.string(), people: z.string(), customers: z.string() });
export type BreachDrafts = z.infer<typeof breachDrafts>;

export const breachQuery = z.object({
  status: csv(breachStatus),
  q: text(100).optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type BreachQuery = z.infer<typeof breachQuery>;
