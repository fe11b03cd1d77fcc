import { ApiError } from '../api.js';

/** What a person at the login screen should read for each way a sign-in can fail. */
export function loginErrorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Sign-in failed unexpectedly. Please try again.';
  switch (err.code) {
    case 'bad-credentials':
      return 'Wrong username or password. After 5 failed attempts the account is locked for 15 minutes.';
    case 'locked':
      return 'This account is locked after too many failed sign-ins. Try again in 15 minutes, or ask an administrator to unlock it.';
    case 'rate-limited':
      return 'Too many sign-in attempts from this device. Wait a minute, then try again.';
    case 'network':
      return err.message;
    default:
      return err.status >= 500 ? 'The server had a problem signing you in. Please try again shortly.' : err.message;
  }
}
