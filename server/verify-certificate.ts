/**
 * Checks a downloaded certificate of deletion: `npm run verify-certificate -- FILE [--key PUBLIC_KEY | --url BASE_URL]`.
 * Without a key it checks the signature under the key the certificate names; with `--key` (or `--url`, which
 * reads the issuer's /api/.well-known/deletion-certificate-key) that key must also be the issuer's.
 * Exits 0 when valid, 1 when not, 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import { certificateKey } from '@/api/contract/deletions';
import { verifyCertificateText } from '@/api/rules/certificate-verification';

export async function main(args: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const [file, flag, value] = args;
  if (!file || (flag !== undefined && (value === undefined || !['--key', '--url'].includes(flag)))) {
    out('Usage: npm run verify-certificate -- FILE [--key PUBLIC_KEY | --url BASE_URL]');
    return 2;
  }
  let expected: string | undefined;
  if (flag === '--key') expected = value;
  if (flag === '--url' && value) {
    const res = await fetch(new URL('/api/.well-known/deletion-certificate-key', value));
    expected = certificateKey.parse(await res.json()).publicKey;
  }
  const result = await verifyCertificateText(await readFile(file, 'utf8'), expected);
  out(result.valid ? `Valid: signed with Ed25519 key ${result.keyId}` : `NOT valid: ${result.reason}`);
  return result.valid ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
