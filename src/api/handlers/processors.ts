import {
  createProcessor,
  exportRecordOfProcessing,
  exportRegistry,
  getRecordOfProcessing,
  getProcessor,
  listProcessors,
  processorDataSummary,
  processorHistory,
  updateProcessor,
} from '@/api/services/processors';
import { clearProcessorConnector, setProcessorConnector, testProcessorConnector } from '@/api/services/processor-connectors';
import { getSettings, updateSettings } from '@/api/services/settings';
import { downloadDpaDocument, getDpaDocument, removeDpaDocument } from '@/api/services/dpa-documents';
import type { Handlers } from './handler';

/** The registry, its exports and the company settings it reads. */
export const processorHandlers = {
  listProcessors: ({ ctx, actor, query }) => listProcessors(ctx, actor, query),
  getProcessor: ({ ctx, actor, id }) => getProcessor(ctx, actor, id),
  processorHistory: ({ ctx, id, query }) => processorHistory(ctx, id, query),
  processorDataSummary: ({ ctx, id }) => processorDataSummary(ctx, id),
  createProcessor: ({ ctx, actor, body }) => createProcessor(ctx, actor, body),
  updateProcessor: ({ ctx, actor, id, version, body }) => updateProcessor(ctx, actor, id, version, body),
  setProcessorConnector: ({ ctx, actor, id, version, body }) => setProcessorConnector(ctx, actor, id, version, body),
  clearProcessorConnector: ({ ctx, actor, id, version }) => clearProcessorConnector(ctx, actor, id, version),
  testProcessorConnector: ({ ctx, actor, id }) => testProcessorConnector(ctx, actor, id),
  exportRegistryCsv: ({ ctx }) => exportRegistry(ctx, 'csv'),
  recordOfProcessing: ({ ctx }) => getRecordOfProcessing(ctx),
  exportRecordOfProcessingCsv: ({ ctx }) => exportRecordOfProcessing(ctx, 'csv'),
  exportRecordOfProcessingXlsx: ({ ctx }) => exportRecordOfProcessing(ctx, 'xlsx'),
  getDpaDocument: ({ ctx, actor, id }) => getDpaDocument(ctx, actor, id),
  removeDpaDocument: ({ ctx, actor, id }) => removeDpaDocument(ctx, actor, id),
  downloadDpaDocument: ({ ctx, id }) => downloadDpaDocument(ctx, id),
  exportPublicListMarkdown: ({ ctx }) => exportRegistry(ctx, 'md'),
  exportPublicListHtml: ({ ctx }) => exportRegistry(ctx, 'html'),
  getSettings: ({ ctx, actor }) => getSettings(ctx, actor),
  updateSettings: ({ ctx, actor, version, body }) => updateSettings(ctx, actor, version, body),
} satisfies Partial<Handlers>;
