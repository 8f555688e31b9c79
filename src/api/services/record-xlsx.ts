import type { RecordOfProcessing } from '@/api/contract/record-of-processing';

/**
 * The record as a workbook: one sheet in the ICO template's columns, header row frozen and bold, text
 * wrapped. exceljs is loaded on first use, so the demo's page does not carry it until someone downloads.
 * Cells are written as strings: a value starting with "=" stays text, never a formula.
 */
export async function recordXlsx(record: RecordOfProcessing): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(`${record.generatedOn}T00:00:00Z`);
  const sheet = workbook.addWorksheet('Record of processing', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = record.columns.map((header) => ({ header, width: Math.min(60, Math.max(18, header.length / 2)) }));
  for (const row of record.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
