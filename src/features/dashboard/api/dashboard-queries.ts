import { queryOptions } from '@tanstack/react-query';
import type { Role } from '../../../api/contract/common';
import { callApi } from '../../../lib/api-client';

/** A count on the dashboard: exact when the API sends a total, else what one page holds ("200+"). */
export type Count = { count: number; more: boolean };

const COUNT_LIMIT = 200;

function countOf(page: { items: readonly unknown[]; nextCursor: string | null; total?: number }): Count {
  if (page.total !== undefined) return { count: page.total, more: false };
  return { count: page.items.length, more: page.nextCursor !== null };
}

export type CardId = 'deletionsOverdue' | 'deletionsDueSoon' | 'accessPending' | 'accessActive' | 'processorsAttention';

const counters: Record<CardId, (signal: AbortSignal) => Promise<Count>> = {
  deletionsOverdue: async (signal) => countOf(await callApi('listDeletions', { query: { overdue: '1', limit: COUNT_LIMIT }, signal })),
  deletionsDueSoon: async (signal) =>
    countOf(await callApi('listDeletions', { query: { dueWithinDays: 7, limit: COUNT_LIMIT }, signal })),
  accessPending: async (signal) =>
    countOf(await callApi('listSupportAccess', { query: { status: ['pending'], limit: COUNT_LIMIT }, signal })),
  accessActive: async (signal) =>
    countOf(await callApi('listSupportAccess', { query: { status: ['active'], limit: COUNT_LIMIT }, signal })),
  processorsAttention: async (signal) => countOf(await callApi('listProcessors', { query: { attention: '1' }, signal })),
};

export const dashboardKeys = {
  all: ['dashboard'] as const,
  counts: () => [...dashboardKeys.all, 'count'] as const,
  // The role is part of the key: a support agent's counts cover only their own requests.
  count: (id: CardId, role: Role) => [...dashboardKeys.counts(), id, role] as const,
};

export const dashboardQueries = {
  count: (id: CardId, role: Role) =>
    queryOptions({
      queryKey: dashboardKeys.count(id, role),
      queryFn: ({ signal }) => counters[id](signal),
    }),
};
