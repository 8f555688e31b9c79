import { consentPurposeLabels } from '@/api/contract/consent';
import { countryName } from '@/api/contract/countries';
import type { RecordOfProcessing } from '@/api/contract/record-of-processing';
import type { AssessedProcessor } from './processors';
import { dateInWords } from './time';

/**
 * The columns of the ICO's "Documentation template for controllers" (the Art. 30(1) record), in its order,
 * that the registry can fill. The template's columns for special category data (Art. 9), automated
 * decisions and DPIAs have no field in the registry and are left out rather than left blank.
 */
export const art30Columns = [
  'Business function',
  'Purpose of processing',
  'Name and contact details of joint controller (if applicable)',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Names of third countries or international organisations that personal data are transferred to (if applicable)',
  'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
  'Retention schedule (if possible)',
  'General description of technical and organisational security measures (if possible)',
  'Article 6 lawful basis for processing personal data',
  'Legitimate interests for the processing (if applicable)',
  'Link to record of consent',
  'Location of personal data',
] as const;

const dataCategoryLabels: Readonly<Record<string, string>> = { ip_address: 'IP address', crm_contact_data: 'CRM contact data' };

const words = (value: string) => {
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

const lawfulBasis: Readonly<Record<string, string>> = {
  contract: 'Art. 6(1)(b) contract',
  legitimate_interest: 'Art. 6(1)(f) legitimate interests',
  consent: 'Art. 6(1)(a) consent',
  legal_obligation: 'Art. 6(1)(c) legal obligation',
};

function retentionText(p: AssessedProcessor): string {
  const r = p.retention;
  if (!r) return 'No retention rule on record';
  const from = r.trigger.replace(/_/g, ' ');
  const span = r.amount !== null && r.unit ? `${r.amount} ${r.unit} from ${from}` : `Until ${from}`;
  return r.note ? `${span} (${r.note})` : span;
}

function contractText(p: AssessedProcessor): string {
  if (p.kind === 'own_location') return 'Not applicable: our own storage location';
  const { dpa } = p;
  if (dpa.status !== 'signed') return dpa.status === 'pending' ? 'DPA not yet signed' : 'No DPA on record';
  return ['DPA signed', dpa.signedOn && `on ${dateInWords(dpa.signedOn)}`, dpa.reference && `(ref. ${dpa.reference})`]
    .filter(Boolean)
    .join(' ');
}

/**
 * The record of processing activities from the registry: one row per purpose per processor (retired ones
 * are no longer processing and are left out), each with its transfers' safeguards and retention.
 */
export function recordOfProcessing(processors: readonly AssessedProcessor[], generatedOn: string): RecordOfProcessing {
  const rows = processors
    .filter((p) => p.status !== 'retired')
    .flatMap((p) => {
      const thirdCountries = p.transfers.filter((t) => t.basis !== 'eea');
      return p.purposes.map((purpose) => [
        p.owner,
        purpose.purpose,
        'Not applicable',
        p.dataSubjects.map(words).join('; '),
        p.dataCategories.map((c) => dataCategoryLabels[c] ?? words(c)).join('; '),
        p.kind === 'own_location' ? `None: ${p.name}, our own storage` : `${p.name} (${p.legalEntity}), ${words(p.category).toLowerCase()}`,
        contractText(p),
        thirdCountries.map((t) => countryName(t.country)).join('; ') || 'None: inside the EEA',
        thirdCountries.map((t) => t.reasoning).join('; ') || 'None needed',
        retentionText(p),
        'Not recorded in the registry',
        lawfulBasis[purpose.legalBasis] ?? words(purpose.legalBasis),
        purpose.legalBasis === 'legitimate_interest' ? purpose.purpose : 'Not applicable',
        purpose.consentPurpose ? `Consent records for ${consentPurposeLabels[purpose.consentPurpose]}` : 'Not applicable',
        p.locations.map((l) => countryName(l.country)).join('; '),
      ]);
    });
  return { columns: [...art30Columns], rows, generatedOn };
}
