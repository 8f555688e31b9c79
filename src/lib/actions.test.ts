import { describe, expect, it } from 'vitest';
import { permissionsOf } from '@/api/rules/permissions';
import { actionsPanel, mayEver, offerOf, refusalOf } from './actions';

const officer = { permissions: permissionsOf('privacy_officer') };
const auditor = { permissions: permissionsOf('auditor') };
const actions = {
  approve: { allowed: false, reason: 'You created this request; another officer must approve it' },
  reject: { allowed: true, reason: null },
  extend: { allowed: false, reason: null },
  hold: { allowed: true, reason: null },
  resolveTask: { allowed: false, reason: 'Tasks can be resolved only once approved' },
  complete: { allowed: false, reason: 'Not yet' },
};

describe('offerOf', () => {
  it('draws nothing for a role without the action’s permission, whatever the record says', () => {
    expect(offerOf(auditor, 'deletion', actions, 'reject')).toBeNull();
    expect(mayEver(auditor, 'deletion', 'approve')).toBe(false);
  });

  it('gives the role that has it the record’s answer: allowed, or refused with the reason', () => {
    expect(offerOf(officer, 'deletion', actions, 'reject')).toEqual({ refusal: null });
    expect(offerOf(officer, 'deletion', actions, 'approve')).toEqual({
      refusal: 'You created this request; another officer must approve it',
    });
    // A refusal without words still reads as one.
    expect(offerOf(officer, 'deletion', actions, 'extend')).toEqual({ refusal: 'Not possible now' });
    expect(refusalOf({ allowed: true, reason: null })).toBeNull();
  });
});

describe('actionsPanel', () => {
  it('tells a role with no action, a record that refuses every one, and one with something to do apart', () => {
    expect(actionsPanel([null, null])).toBe('none');
    expect(actionsPanel([null, { refusal: 'Closed' }, { refusal: 'Closed' }])).toBe('closed');
    expect(actionsPanel([{ refusal: 'Closed' }, { refusal: null }])).toBe('open');
  });
});
