import type { FieldChange } from '@/api/contract/audit';
import { countryName } from '@/api/contract/countries';
import { dateInWords } from './time';

/** Each recorded field of a processor, as a reader names it. */
const labels: Readonly<Record<string, string>> = {
  kind: 'Kind',
  name: 'Name',
  legalEntity: 'Legal entity',
  category: 'Category',
  description: 'Description',
  dataCategories: 'Data categories',
  dataSubjects: 'Data subjects',
  purposes: 'Purposes',
  locations: 'Locations',
  dpa: 'DPA',
  'dpa.status': 'DPA status',
  'dpa.signedOn': 'DPA signed on',
  'dpa.reference': 'DPA reference',
  'dpa.nextReview': 'DPA next review',
  'dpa.expiresOn': 'DPA expires on',
  privacyPolicyUrl: 'Privacy policy URL',
  dpfParticipant: 'Data Privacy Framework participant',
  retention: 'Retention',
  'retention.amount': 'Retention amount',
  'retention.unit': 'Retention unit',
  'retention.trigger': 'Retention counted from',
  'retention.note': 'Retention note',
  owner: 'Owner',
  lastReviewedOn: 'Last reviewed on',
  reviewCycleMonths: 'Review cycle (months)',
  status: 'Status',
};

const words = (value: string) => {
  const s = value.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export function fieldLabel(field: string): string {
  return labels[field] ?? words(field);
}

const mechanism: Readonly<Record<string, string>> = { scc: 'SCCs', bcr: 'BCRs', other_art46: 'other Art. 46 safeguard', dpf: 'DPF' };
const enumFields = new Set(['kind', 'category', 'status', 'dpa.status', 'retention.unit', 'retention.trigger']);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A recorded value in words: "Ireland (no safeguard), United States (SCCs)", "24 months from collection". */
function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (field === 'locations' && Array.isArray(value)) {
    return value
      .map((l) =>
        isRecord(l)
          ? `${countryName(String(l.country))}${typeof l.transferMechanism === 'string' ? ` (${mechanism[l.transferMechanism] ?? l.transferMechanism})` : ''}`
          : String(l),
      )
      .join(', ');
  }
  if (field === 'purposes' && Array.isArray(value)) {
    return value.map((p) => (isRecord(p) ? `${String(p.purpose)} (${words(String(p.legalBasis))})` : String(p))).join('; ');
  }
  if (field === 'retention' && isRecord(value)) {
    const period = value.amount !== null && value.unit ? `${text(value.amount)} ${text(value.unit)} ` : '';
    return `${period}from ${words(String(value.trigger)).toLowerCase()}${value.note ? ` (${text(value.note)})` : ''}`;
  }
  if (field === 'dpa' && isRecord(value)) {
    return [
      words(String(value.status)),
      value.signedOn && `signed ${text(value.signedOn)}`,
      value.reference && `ref. ${text(value.reference)}`,
    ]
      .filter(Boolean)
      .join(', ');
  }
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => words(String(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' && enumFields.has(field)) return words(value);
  if (typeof value === 'string' || typeof value === 'number') return text(value);
  return isRecord(value)
    ? Object.entries(value)
        .map(([k, v]) => `${fieldLabel(`${field}.${k}`)}: ${describeValue(`${field}.${k}`, v)}`)
        .join('; ')
    : text(value);
}

/** A stored value as text: a date in words, strings, numbers and booleans as they are, anything else as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dateInWords(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** One change in words: "Owner: Marketing → Growth"; a value set for the first time: "Owner: Marketing". */
export function describeChange(change: FieldChange): string {
  if (change.before === null || change.before === undefined)
    return `${fieldLabel(change.field)}: ${describeValue(change.field, change.after)}`;
  return `${fieldLabel(change.field)}: ${describeValue(change.field, change.before)} → ${describeValue(change.field, change.after)}`;
}
