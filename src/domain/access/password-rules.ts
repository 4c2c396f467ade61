/**
 * What a password must be, wherever one is chosen (a new user, a reset, an invitation). Length is
 * what counts (ASVS 2.1.1, NIST 800-63B: at least 12, no composition rules); the upper bound is the
 * longest the login form accepts, so a password that can be set can also be used.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong';

export function passwordProblem(password: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  return undefined;
}
