import type { AssessedProcessor } from './processors';

/**
 * A CSV cell: quoted when it must be, and a leading =, +, - or @ (or tab/CR) defused with an apostrophe
 * so a spreadsheet never runs a cell as a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Markdown text with the characters that would start markup escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}

/**
 * A link target an export may write: an http or https address, as the URL parser spells it (which
 * percent-encodes quotes, angle brackets and spaces); null for anything else, such as a `javascript:` or
 * `data:` address stored before the contract refused them.
 */
function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // Belt and braces: what the parser leaves (`'`, `(`, `)`) is encoded too, so no writer needs care.
  return parsed.href.replace(/[<>"'`()\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function retentionText(p: AssessedProcessor): string {
  const r = p.retention;
  if (!r) return '';
  const span =
    r.amount !== null && r.unit ? `${r.amount} ${r.unit} from ${r.trigger.replace(/_/g, ' ')}` : `until ${r.trigger.replace(/_/g, ' ')}`;
  return r.note ? `${span} (${r.note})` : span;
}

/** The Art. 30 record: one row per processor and purpose. */
export function registryCsv(processors: readonly AssessedProcessor[]): string {
  const header = [
    'Processor',
    'Legal entity',
    'Kind',
    'Category',
    'Status',
    'Purpose',
    'Legal basis',
    'Consent purpose',
    'Data categories',
    'Data subjects',
    'Locations',
    'Transfer safeguards',
    'DPA status',
    'DPA signed on',
    'DPA reference',
    'Retention',
    'Privacy policy',
    'Owner',
    'Last review',
    'Next review',
    'Needs attention',
  ];
  const rows = processors.flatMap((p) =>
    p.purposes.map((purpose) => [
      p.name,
      p.legalEntity,
      p.kind,
      p.category,
      p.status,
      purpose.purpose,
      purpose.legalBasis,
      purpose.consentPurpose ?? '',
      p.dataCategories.join('; '),
      p.dataSubjects.join('; '),
      p.locations.map((l) => l.country).join('; '),
      p.transfers.map((t) => t.reasoning).join('; '),
      p.dpa.status,
      p.dpa.signedOn,
      p.dpa.reference,
      retentionText(p),
      p.privacyPolicyUrl,
      p.owner,
      p.lastReviewedOn,
      p.nextReviewOn,
      p.attention.map((a) => a.message).join('; '),
    ]),
  );
  return toCsv([header, ...rows]);
}

const publicOnes = (processors: readonly AssessedProcessor[]) => processors.filter((p) => p.kind === 'processor' && p.status === 'active');

/** The public sub-processor list in the style of policy 5.5. */
export function publicListMarkdown(processors: readonly AssessedProcessor[]): string {
  const lines = ['## Service Processors', ''];
  for (const p of publicOnes(processors)) {
    const href = safeHref(p.privacyPolicyUrl);
    const link = href ? ` [Privacy policy](<${href}>)` : '';
    lines.push(
      `**${escapeMarkdown(p.name)}:** ${escapeMarkdown(p.description)} Locations: ${p.locations.map((l) => l.country).join(', ')}.${link}`,
      '',
    );
  }
  return lines.join('\n');
}

export function publicListHtml(processors: readonly AssessedProcessor[]): string {
  const items = publicOnes(processors)
    .map((p) => {
      const href = safeHref(p.privacyPolicyUrl);
      const link = href ? ` <a href="${escapeHtml(href)}" rel="noopener noreferrer">Privacy policy</a>` : '';
      return `<p><strong>${escapeHtml(p.name)}:</strong> ${escapeHtml(p.description)} Locations: ${escapeHtml(p.locations.map((l) => l.country).join(', '))}.${link}</p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Service Processors</title></head><body>\n<h2>Service Processors</h2>\n${items}\n</body></html>\n`;
}
