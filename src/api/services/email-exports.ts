import type { EmailExport } from '@/api/contract/email-exports';
import { ApiError } from '@/api/errors';
import { maskEmail } from '@/api/rules/consent';
import { roleHas } from '@/api/rules/permissions';
import type { Actor } from './context';

/** What an export does with the email addresses it holds, and the words its audit event adds about them. */
export type EmailExposure = {
  clear: boolean;
  show: (email: string | null | undefined) => string | null;
  /** Masks every address inside a free text (audit summaries, changes). */
  showIn: (text: string) => string;
  note: string;
};

const EMAIL_IN_TEXT = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[A-Za-z]{2,}/g;

/**
 * Masked unless the caller asks for clear addresses, may have them (officers) and says why: an auditor's
 * ask is a 403, an officer's without a reason a 422 naming `reason`. Called before the export reads
 * anything, so a refusal leaves no file and no audit event.
 */
export function emailExposure(actor: Actor, choice: EmailExport): EmailExposure {
  if (choice.emails === 'masked') {
    return {
      clear: false,
      show: (email) => (email ? maskEmail(email) : null),
      showIn: (text) => text.replace(EMAIL_IN_TEXT, maskEmail),
      note: 'with email addresses masked',
    };
  }
  if (!roleHas(actor.user.role, 'exports.clear_emails')) {
    throw new ApiError('forbidden', 'Only a privacy officer may export email addresses in clear; your exports show them masked');
  }
  if (!choice.reason) {
    throw new ApiError('validation_failed', 'Say why this export needs email addresses in clear', {
      reason: 'Give the reason the email addresses are needed in clear',
    });
  }
  return {
    clear: true,
    show: (email) => email ?? null,
    showIn: (text) => text,
    note: `with email addresses in clear, because: ${choice.reason}`,
  };
}
