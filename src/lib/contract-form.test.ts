// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flattenErrors } from './contract-form';

describe('flattenErrors', () => {
  it("turns react-hook-form's nested errors into the dotted paths the API and the labels use", () => {
    const input = document.createElement('input');
    expect(
      flattenErrors({
        name: { type: 'server', message: 'Already in the registry', ref: input },
        dpa: { signedOn: { type: 'invalid_format', message: 'Enter a date' } },
        // A list's errors: its rows by index, and `root` for the list as a whole.
        purposes: {
          1: { purpose: { type: 'too_small', message: 'Required', ref: input } },
          root: { type: 'too_small', message: 'Add at least one purpose' },
        },
        retention: { type: 'custom' },
      }),
    ).toEqual({
      name: 'Already in the registry',
      'dpa.signedOn': 'Enter a date',
      'purposes.1.purpose': 'Required',
      purposes: 'Add at least one purpose',
    });
  });
});
