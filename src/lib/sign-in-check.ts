/**
 * What the sign-in form needs to check its fields, loaded on the first submit (one chunk with the contract,
 * so the contract's modules never end up split across chunks that import each other).
 */
export { signIn as signInSchema } from '@/api/contract/users';
export { plainErrors } from '@/api/contract/plain-errors';
export { issueMessages } from './field-errors';
