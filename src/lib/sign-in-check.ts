/**
 * What the sign-in form needs to check its fields, loaded on the first submit (one chunk with the contract,
 * so the contract's modules never end up split across chunks that import each other).
 */
export { signIn as signInSchema } from '@/api/contract/users';
export { plainParse } from '@/api/contract/plain-errors';
