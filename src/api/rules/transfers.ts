import type { ProcessorLocation } from '@/api/contract/processors';

/** EU and EEA member states: no transfer mechanism is needed inside. */
export const EEA = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

/**
 * Countries with an EU adequacy decision (as of 2025). Canada's covers commercial organisations; the
 * USA's covers only organisations certified under the EU-US Data Privacy Framework, so it is not here:
 * a US location needs `dpf` (or another mechanism) on record.
 */
export const ADEQUATE = new Set(['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY']);

export type TransferNeed = 'none_inside_eea' | 'none_adequacy' | 'mechanism_required';

export function transferNeed(country: string): TransferNeed {
  if (EEA.has(country)) return 'none_inside_eea';
  if (ADEQUATE.has(country)) return 'none_adequacy';
  return 'mechanism_required';
}

/** A location that needs a safeguard and has none on record (DPF counts only for the USA). */
export function lacksMechanism(location: ProcessorLocation): boolean {
  if (transferNeed(location.country) !== 'mechanism_required') return false;
  if (location.transferMechanism === null) return true;
  return location.transferMechanism === 'dpf' && location.country !== 'US';
}
