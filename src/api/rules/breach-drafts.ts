import type { Breach, BreachDrafts } from '@/api/contract/breaches';
import { authorityDeadline } from './breaches';
import { DEFAULT_TIME_ZONE } from './deadlines';
import { instantInWords } from './time';

const words = (s: string): string => s.replace(/_/g, ' ');
const list = (items: readonly string[]): string => (items.length ? items.map(words).join(', ') : 'not yet known');
const when = (b: Breach, at: (iso: string) => string): string =>
  b.occurredTo && b.occurredTo !== b.occurredFrom ? `between ${at(b.occurredFrom)} and ${at(b.occurredTo)}` : `on ${at(b.occurredFrom)}`;

/**
 * The notices a breach calls for, pre-filled from its record for an officer to edit before sending: the
 * authority's with the four parts of GDPR Art. 33(3), the people's in plain language (Art. 34(2)), and the
 * customers' as their processor (Art. 33(2)). What the record cannot know is left for the officer in [brackets].
 */
export function breachDrafts(b: Breach, contact: { name: string; email: string }, now: Date, timeZone = DEFAULT_TIME_ZONE): BreachDrafts {
  const at = (iso: string) => instantInWords(iso, timeZone);
  const a = b.affected;
  const systems = b.systems.map((s) => s.name).join(', ') || 'not yet known';
  const consequences = b.assessment?.reasoning ?? '[Describe the likely consequences for the people concerned once the risk is assessed]';
  const late = now.getTime() > authorityDeadline(b.awareAt).getTime();
  const authority = [
    `Personal data breach notification (GDPR Art. 33): ${b.title}`,
    '',
    `We became aware of this breach at ${at(b.awareAt)}. It happened ${when(b, at)} and involved: ${systems}.`,
    '',
    '(a) Nature of the breach',
    b.description || '[Describe what happened]',
    `Categories of personal data: ${list(a?.dataCategories ?? b.dataCategories)}.`,
    `Approximate number of people concerned: ${a ? a.people : '[not yet computed]'}` +
      (a?.visitors ? `, and ${a.visitors} website visitors` : '') +
      `; customer accounts concerned: ${a ? a.accounts : '[not yet computed]'}.`,
    '',
    '(b) Contact point for more information',
    `${contact.name}, privacy officer, ${contact.email}.`,
    '',
    '(c) Likely consequences',
    consequences,
    '',
    '(d) Measures taken or proposed',
    '[Describe the measures taken to address the breach and to mitigate its possible adverse effects]',
    '',
    'Further information will follow in phases as our investigation progresses (Art. 33(4)).',
    ...(late ? ['', 'Reasons for the delay: [state why this notice comes after 72 hours]'] : []),
  ].join('\n');
  const people = [
    `Subject: We are letting you know about a security incident`,
    '',
    'Hello,',
    '',
    `We are writing to tell you about a security incident that affected some of your information. It happened ${when(b, at)}, at ${systems}.`,
    '',
    `What information was involved: ${list(a?.dataCategories ?? b.dataCategories)}.`,
    '',
    `What this could mean for you: ${consequences}`,
    '',
    'What we are doing: [the steps we have taken]',
    '',
    'What you can do: [for example, watch for unexpected emails asking for your password]',
    '',
    `If you have questions, write to ${contact.email}.`,
  ].join('\n');
  const customers = [
    `Subject: Security incident affecting your account's data`,
    '',
    `As your processor (our terms, and GDPR Art. 33(2)), we are telling you of a personal data breach that concerns content of your account.`,
    '',
    `What happened: ${b.description || b.title}. When: ${when(b, at)}. Systems: ${systems}. We became aware at ${at(b.awareAt)}.`,
    `Categories of data: ${list(a?.dataCategories ?? b.dataCategories)}.`,
    '',
    'What we have done and propose: [measures]',
    '',
    `Contact: ${contact.name}, ${contact.email}. We will send more information as we learn it.`,
  ].join('\n');
  return { authority, people, customers };
}
