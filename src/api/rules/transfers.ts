import type { ProcessorLocation, TransferAssessment } from '@/api/contract/processors';
import { countryName } from '@/api/contract/countries';
import type { AdequacyDecision } from './transfer-law';
import { ADEQUACY_DECISIONS, EEA_COUNTRIES, EEA_SOURCE } from './transfer-law';

const eea: ReadonlySet<string> = new Set(EEA_COUNTRIES);

const mechanismNames = {
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  other_art46: 'another Art. 46 safeguard',
} as const;

/** Who receives the data: the US organisation certified under the Data Privacy Framework, if any. */
export type Recipient = { dpfParticipant?: string | null };

/** The adequacy decision that covers a transfer to `country` today, or null (none, expired, or out of scope). */
export function adequacyFor(
  country: string,
  recipient: Recipient,
  today: string,
  decisions: readonly AdequacyDecision[] = ADEQUACY_DECISIONS,
): AdequacyDecision | null {
  const found = decisions.find((d) => d.country === country);
  if (!found) return null;
  if (found.validUntil !== null && today > found.validUntil) return null;
  if (found.scope === 'dpf_participants' && !recipient.dpfParticipant) return null;
  return found;
}

/**
 * Why a transfer to one location is lawful, or that it is not (GDPR Chapter V), in one line with its
 * source: inside the EEA nothing is needed; an adequacy decision in scope is enough; otherwise a safeguard
 * of Art. 46 must be on record, and a location without one is flagged.
 */
export function assessTransfer(location: ProcessorLocation, recipient: Recipient, today: string): TransferAssessment {
  const { country } = location;
  const name = countryName(country);
  if (eea.has(country)) {
    return {
      country,
      basis: 'eea',
      flagged: false,
      reasoning: `${name}: inside the EEA; no transfer safeguard needed`,
      source: EEA_SOURCE,
    };
  }
  const adequacy = adequacyFor(country, recipient, today);
  if (adequacy) {
    const reasoning =
      adequacy.scope === 'dpf_participants'
        ? `${name}: adequacy via the Data Privacy Framework; ${recipient.dpfParticipant} is certified`
        : `${name}: adequacy decision${adequacy.scopeNote ? ` for ${adequacy.scopeNote}` : ''} (${adequacy.source.title})`;
    return { country, basis: 'adequacy', flagged: false, reasoning, source: adequacy.source };
  }
  const known = ADEQUACY_DECISIONS.find((d) => d.country === country);
  const why = !known
    ? 'no adequacy decision'
    : known.scope === 'dpf_participants'
      ? 'adequacy only for Data Privacy Framework participants, and no certification is on record'
      : 'its adequacy decision has expired';
  if (location.transferMechanism) {
    return {
      country,
      basis: 'safeguard',
      flagged: false,
      reasoning: `${name}: ${why}; ${mechanismNames[location.transferMechanism]} on record (Art. 46)`,
      source: null,
    };
  }
  return { country, basis: 'none', flagged: true, reasoning: `${name}: ${why}; no transfer safeguard on record`, source: null };
}

export function assessTransfers(p: Recipient & { locations: readonly ProcessorLocation[] }, today: string): TransferAssessment[] {
  return p.locations.map((l) => assessTransfer(l, p, today));
}
