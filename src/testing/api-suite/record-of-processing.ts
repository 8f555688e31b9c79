import { beforeAll, describe, expect, it } from 'vitest';
import { dateInWords } from '@/api/rules/time';
import { page } from '@/api/contract/common';
import { countryName } from '@/api/contract/countries';
import { processorView } from '@/api/contract/processors';
import { recordOfProcessing } from '@/api/contract/record-of-processing';
import { art30Columns } from '@/api/rules/record-of-processing';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/**
 * The columns of the ICO's "Documentation template for controllers" (the Art. 30(1) record) that the
 * registry fills, in the template's order; its Art. 9, automated-decision and DPIA columns have no field.
 */
const icoTemplateColumns = [
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
];

/** The Art. 30 record of processing, drawn from the registry, as a page's data, CSV and XLSX. */
export function recordOfProcessingTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('record of processing (Art. 30)', () => {
    it('has one row per purpose per processor, and every column says what the registry says', async () => {
      const res = await h.call('auditor', 'GET', '/api/record-of-processing');
      expect(res.status).toBe(200);
      const record = recordOfProcessing.parse(res.json);
      // The template's own headings, written out here rather than read from the code that makes them: a
      // renamed, reordered or dropped column fails this test, not only a row that disagrees with the registry.
      expect(record.columns).toEqual(icoTemplateColumns);
      const col = (name: (typeof art30Columns)[number]) => record.columns.indexOf(name);
      const processors = page(processorView)
        .parse((await h.call('auditor', 'GET', '/api/processors')).json)
        .items.filter((p) => p.status !== 'retired');
      expect(record.rows).toHaveLength(processors.reduce((n, p) => n + p.purposes.length, 0));
      let row = 0;
      // Rows follow the registry's order, purposes in their order.
      for (const p of processors) {
        for (const purpose of p.purposes) {
          const cells = record.rows[row++]!;
          expect(cells).toHaveLength(art30Columns.length);
          expect(cells[col('Business function')]).toBe(p.owner);
          expect(cells[col('Purpose of processing')]).toBe(purpose.purpose);
          expect(cells[col('Categories of individuals')]?.split('; ')).toHaveLength(p.dataSubjects.length || 1);
          expect(cells[col('Categories of personal data')]?.split('; ')).toHaveLength(p.dataCategories.length || 1);
          expect(cells[col('Categories of recipients')]).toContain(p.name);
          if (p.kind === 'processor') expect(cells[col('Categories of recipients')]).toContain(p.legalEntity);
          const contract = cells[col('Link to contract with processor')];
          if (p.kind === 'processor' && p.dpa.status === 'signed') expect(contract).toContain(`on ${dateInWords(p.dpa.signedOn ?? '')}`);
          if (p.dpa.reference && p.kind === 'processor' && p.dpa.status === 'signed') expect(contract).toContain(p.dpa.reference);
          const outside = p.transfers.filter((t) => t.basis !== 'eea');
          expect(
            cells[col('Names of third countries or international organisations that personal data are transferred to (if applicable)')],
          ).toBe(outside.map((t) => countryName(t.country)).join('; ') || 'None: inside the EEA');
          expect(
            cells[
              col('Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)')
            ],
          ).toBe(outside.map((t) => t.reasoning).join('; ') || 'None needed');
          const retention = cells[col('Retention schedule (if possible)')];
          if (p.retention?.amount) expect(retention).toContain(`${p.retention.amount} ${p.retention.unit}`);
          if (!p.retention) expect(retention).toBe('No retention rule on record');
          expect(cells[col('Article 6 lawful basis for processing personal data')]).toMatch(
            { contract: /6\(1\)\(b\)/, legitimate_interest: /6\(1\)\(f\)/, consent: /6\(1\)\(a\)/, legal_obligation: /6\(1\)\(c\)/ }[
              purpose.legalBasis
            ],
          );
          expect(cells[col('Link to record of consent')] === 'Not applicable').toBe(purpose.consentPurpose === null);
          expect(cells[col('Location of personal data')]).toBe(p.locations.map((l) => countryName(l.country)).join('; '));
        }
      }
      const stripe = record.rows.find((r) => r[col('Categories of recipients')]?.startsWith('Stripe'))!;
      expect(
        stripe[
          col('Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)')
        ],
      ).toBe('United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified');
    });
    it('downloads as CSV and XLSX with the same rows, for officers and auditors only', async () => {
      const record = recordOfProcessing.parse((await h.call('officer', 'GET', '/api/record-of-processing')).json);
      const csv = await h.app.request('/api/exports/record-of-processing.csv', { headers: await h.authHeaders('auditor') });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="record-of-processing-${record.generatedOn}.csv"`);
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toBe(icoTemplateColumns.join(','));
      expect(text.trimEnd().split('\r\n')).toHaveLength(record.rows.length + 1);

      const xlsx = await h.app.request('/api/exports/record-of-processing.xlsx', { headers: await h.authHeaders('officer') });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.getWorksheet('Record of processing')!;
      const values = (n: number) =>
        (sheet.getRow(n).values as unknown[])
          .slice(1)
          .map((v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number)));
      expect(values(1)).toEqual(record.columns);
      expect(sheet.rowCount).toBe(record.rows.length + 1);
      for (let i = 0; i < record.rows.length; i++) expect(values(i + 2)).toEqual(record.rows[i]);

      expectError(await h.call('support', 'GET', '/api/record-of-processing'), 403);
      expectError(await h.call('support', 'GET', '/api/exports/record-of-processing.xlsx'), 403);
      expectError(await h.call('nobody', 'GET', '/api/exports/record-of-processing.csv'), 401);
    });
  });
}
