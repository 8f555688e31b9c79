import { describe, expect, it } from 'vitest';
import type { ProcessorLocation } from '@/api/contract/processors';
import { seedProcessors } from '@/demo/seed-processors';
import { toProcessorView } from './processors';
import { ADEQUACY_DECISIONS, EEA_COUNTRIES, TRANSFER_LAW_CHECKED_ON } from './transfer-law';
import { adequacyFor, assessTransfer } from './transfers';

const today = '2026-12-01';
const at = (country: string, transferMechanism: ProcessorLocation['transferMechanism'] = null): ProcessorLocation => ({
  country,
  transferMechanism,
});
const nobody = { dpfParticipant: null };

describe('transfers inside the EEA', () => {
  it('needs nothing for any of the 30 EEA countries, and says why with its source', () => {
    expect(EEA_COUNTRIES).toHaveLength(30);
    // Each decision is dated, and none after the day the data was last checked against the Commission's list.
    for (const d of ADEQUACY_DECISIONS) expect(d.source.date <= TRANSFER_LAW_CHECKED_ON, d.country).toBe(true);
    for (const country of EEA_COUNTRIES) {
      const t = assessTransfer(at(country), nobody, today);
      expect(t).toMatchObject({ basis: 'eea', flagged: false });
      expect(t.source?.date).toBe('2018-07-06');
    }
    expect(assessTransfer(at('IE'), nobody, today).reasoning).toBe('Ireland: inside the EEA; no transfer safeguard needed');
    expect(assessTransfer(at('NO'), nobody, today).basis).toBe('eea');
  });
});

describe('adequacy decisions, each with its scope', () => {
  it('covers each country whose decision applies to everyone, citing the decision', () => {
    const everyone = ADEQUACY_DECISIONS.filter((d) => d.scope === 'all').map((d) => d.country);
    expect(everyone.sort()).toEqual(['AD', 'AR', 'CH', 'FO', 'GB', 'GG', 'IL', 'IM', 'JE', 'KR', 'NZ', 'UY']);
    for (const country of everyone) {
      const t = assessTransfer(at(country), nobody, today);
      expect(t).toMatchObject({ basis: 'adequacy', flagged: false });
      expect(t.source?.url).toMatch(/^https:\/\/eur-lex\.europa\.eu\//);
    }
    expect(assessTransfer(at('GB'), nobody, today).reasoning).toContain('United Kingdom: adequacy decision');
    expect(assessTransfer(at('KR'), nobody, today).reasoning).toContain('2022/254');
  });
  it('covers Canada for commercial organisations and Japan for the private sector, and says so', () => {
    expect(assessTransfer(at('CA'), nobody, today).reasoning).toBe(
      'Canada: adequacy decision for commercial organisations subject to PIPEDA (Commission Decision 2002/2/EC (Canada))',
    );
    expect(assessTransfer(at('JP'), nobody, today).reasoning).toContain('business operators under the Act on the Protection');
  });
  it('covers the USA only for a Data Privacy Framework participant', () => {
    const certified = assessTransfer(at('US'), { dpfParticipant: 'Stripe, Inc.' }, today);
    expect(certified).toMatchObject({
      basis: 'adequacy',
      flagged: false,
      reasoning: 'United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified',
    });
    expect(certified.source?.title).toContain('2023/1795');
    const uncertified = assessTransfer(at('US'), nobody, today);
    expect(uncertified).toMatchObject({ basis: 'none', flagged: true });
    expect(uncertified.reasoning).toBe(
      'United States: adequacy only for Data Privacy Framework participants, and no certification is on record; no transfer safeguard on record',
    );
    expect(assessTransfer(at('US', 'scc'), nobody, today)).toMatchObject({ basis: 'safeguard', flagged: false });
  });
  it('does not carry a DPF certification to another country', () => {
    expect(assessTransfer(at('RS'), { dpfParticipant: 'Stripe, Inc.' }, today)).toMatchObject({ basis: 'none', flagged: true });
  });
  it('stops applying a decision after its sunset date', () => {
    const uk = ADEQUACY_DECISIONS.find((d) => d.country === 'GB')!;
    const sunset = [{ ...uk, validUntil: '2026-06-27' }];
    expect(adequacyFor('GB', nobody, '2026-06-27', sunset)).not.toBeNull();
    expect(adequacyFor('GB', nobody, '2026-06-28', sunset)).toBeNull();
    expect(adequacyFor('GB', nobody, today)).not.toBeNull();
  });
});

describe('elsewhere a safeguard must be on record', () => {
  it('accepts Serbia with SCCs and flags it without', () => {
    expect(assessTransfer(at('RS', 'scc'), nobody, today)).toEqual({
      country: 'RS',
      basis: 'safeguard',
      flagged: false,
      reasoning: 'Serbia: no adequacy decision; standard contractual clauses on record (Art. 46)',
      source: null,
    });
    expect(assessTransfer(at('RS'), nobody, today)).toMatchObject({
      basis: 'none',
      flagged: true,
      reasoning: 'Serbia: no adequacy decision; no transfer safeguard on record',
    });
    expect(assessTransfer(at('RS', 'bcr'), nobody, today).reasoning).toContain('binding corporate rules');
  });
});

describe('the seed registry', () => {
  const views = seedProcessors(today, () => '2026-01-01T00:00:00.000Z', { id: 'usr_1', name: 'Officer' }).map((p) =>
    toProcessorView(p, today),
  );
  const byName = new Map(views.map((v) => [v.name, v]));
  it('flags only the US location with neither certification nor safeguard (and never Ireland)', () => {
    const flagged = views.flatMap((v) => v.transfers.filter((t) => t.flagged).map((t) => `${v.name}: ${t.country}`));
    expect(flagged).toEqual(['Facebook Ads Manager: US']);
    for (const v of views) for (const t of v.transfers.filter((x) => x.country === 'IE')) expect(t.basis).toBe('eea');
  });
  it('shows each basis as the law gives it', () => {
    expect(byName.get('Stripe')?.transfers.map((t) => t.reasoning)).toEqual([
      'Ireland: inside the EEA; no transfer safeguard needed',
      'United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified',
    ]);
    expect(byName.get('Operations (Serbia)')?.transfers[0]).toMatchObject({ basis: 'safeguard', flagged: false });
    expect(byName.get('Primary storage (Canada)')?.transfers[0]?.basis).toBe('adequacy');
    expect(byName.get('FastSpring')?.transfers[0]?.basis).toBe('safeguard');
  });
});
