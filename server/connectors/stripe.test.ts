import { describe, expect, it } from 'vitest';
import { stripeConnector } from '@/api/connectors/stripe';
import { createStripeSandbox } from '@/demo/sandboxes/stripe';
import { bystander, describeConnectorContract, expectErased, subject } from './connector-cases';

const served = describeConnectorContract({
  vendor: 'stripe',
  connector: stripeConnector,
  makeSandbox: createStripeSandbox,
  basePath: '/v1',
  namesWait: false,
  severalRecords: true,
  wrongCredentials: { secretKey: 'sk_test_not_our_key' },
});

describe('stripe: the vendor’s contract', () => {
  it('verifies by reading the deleted customer, which Stripe answers as deleted: true', async () => {
    served.fresh([{ email: subject.email, name: 'Pat Person' }]);
    const outcome = expectErased(await stripeConnector.erase(subject, served.context().ctx));
    expect(outcome.verification.method).toBe('marked_deleted');
    expect(outcome.verification.calls).toHaveLength(1);
    expect(outcome.verification.calls[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(outcome.calls.every((c) => c.requestId?.startsWith('req_'))).toBe(true);
  });

  it('follows has_more and starting_after through more than 100 customers of one email', async () => {
    const sandbox = served.fresh([...Array.from({ length: 105 }, (_, i) => ({ email: subject.email, name: `Pat ${i}` })), bystander]);
    const outcome = expectErased(await stripeConnector.erase(subject, served.context().ctx));
    expect(outcome.found).toBe(105);
    expect(sandbox.deletions()).toBe(105);
    expect(outcome.calls.some((c) => c.url.includes('starting_after='))).toBe(true);
    expect(sandbox.holds(bystander.email)).toBe(true);
  });

  it('finds a customer stored in lower case although the filter is case-sensitive', async () => {
    const sandbox = served.fresh([{ email: subject.email.toLowerCase(), name: 'Pat Person' }]);
    const outcome = expectErased(await stripeConnector.erase(subject, served.context().ctx));
    expect(outcome.found).toBe(1);
    expect(sandbox.holds(subject.email)).toBe(false);
  });

  it('counts a customer deleted meanwhile (404 resource_missing) as gone, not as deleted by us', async () => {
    const sandbox = served.fresh([{ email: subject.email, name: 'Pat Person' }]);
    const { ctx } = served.context();
    const racing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'DELETE') {
        // Someone deletes it in the Stripe dashboard just before our call arrives.
        await fetch(request.clone());
      }
      return fetch(request);
    };
    const outcome = expectErased(await stripeConnector.erase(subject, { ...ctx, fetch: racing }));
    expect(outcome.deletedIds).toEqual([]);
    expect(outcome.alreadyGoneIds).toHaveLength(1);
    expect(outcome.verification.method).toBe('marked_deleted');
    expect(sandbox.holds(subject.email)).toBe(false);
  });
});
