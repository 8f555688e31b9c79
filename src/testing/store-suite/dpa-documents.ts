import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DpaDocumentRecord } from '@/api/store/schemas';
import { makeProcessor } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { storeFor } from './data';

const doc = (processorId: string, text: string): DpaDocumentRecord => {
  const content = new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);
  return {
    processorId,
    fileName: `${text}.pdf`,
    size: content.length,
    sha256: 'a'.repeat(64),
    uploadedAt: '2026-11-30T10:00:00.000Z',
    uploadedBy: { userId: 'usr_1', name: 'Olivia Officer' },
    content,
  };
};

/** A processor's DPA document: bytes in and out unchanged, one per processor, replaced and removed. */
export function dpaDocumentConformance(make: StoreMaker): void {
  const { run } = storeFor(make, { beforeAll, afterAll }, async (store) => {
    await store.transaction(async (tx) => {
      await tx.processors.insert(makeProcessor({ id: 'prc_doc1', name: 'Doc One' }));
      await tx.processors.insert(makeProcessor({ id: 'prc_doc2', name: 'Doc Two' }));
    });
  });

  describe('DPA documents', () => {
    it('keeps the bytes exactly, answers what is known without them, replaces and removes', async () => {
      expect(await run((tx) => tx.dpaDocuments.get('prc_doc1'))).toBeNull();
      const first = doc('prc_doc1', 'first');
      await run((tx) => tx.dpaDocuments.put(first));
      const read = await run((tx) => tx.dpaDocuments.get('prc_doc1'));
      expect(read?.content).toBeInstanceOf(Uint8Array);
      expect(read).toEqual(first);
      const { content: _content, ...info } = first;
      expect(await run((tx) => tx.dpaDocuments.info('prc_doc1'))).toEqual(info);
      const second = doc('prc_doc1', 'second');
      await run((tx) => tx.dpaDocuments.put(second));
      expect(await run((tx) => tx.dpaDocuments.get('prc_doc1'))).toEqual(second);
      expect(await run((tx) => tx.dpaDocuments.get('prc_doc2'))).toBeNull();
      expect(await run((tx) => tx.dpaDocuments.delete('prc_doc1'))).toBe(true);
      expect(await run((tx) => tx.dpaDocuments.delete('prc_doc1'))).toBe(false);
      expect(await run((tx) => tx.dpaDocuments.info('prc_doc1'))).toBeNull();
    });

    it('refuses a document of no processor, and keeps nothing of a rolled-back put', async () => {
      await expect(run((tx) => tx.dpaDocuments.put(doc('prc_none', 'x')))).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        run(async (tx) => {
          await tx.dpaDocuments.put(doc('prc_doc2', 'rolled'));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await run((tx) => tx.dpaDocuments.get('prc_doc2'))).toBeNull();
    });
  });
}
