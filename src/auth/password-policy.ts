import { randomInt } from 'node:crypto';
import { msg, type Msg } from '../common/errors';

/** The shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 8;

// A short list of the most common passwords (and the demo password, which stays for demo users
// only): compared case-insensitively with the whole password.
const COMMON = new Set(
  [
    'demo',
    'demodemo',
    'demo1234',
    'password',
    'password1',
    'password123',
    'passw0rd',
    'p@ssw0rd',
    '12345678',
    '123456789',
    '1234567890',
    '11111111',
    '00000000',
    '88888888',
    '66666666',
    '12341234',
    '87654321',
    'abcd1234',
    'abc12345',
    'a1234567',
    'qwertyui',
    'qwerty123',
    'qwertyuiop',
    '1qaz2wsx',
    'iloveyou',
    'admin123',
    'admin1234',
    'administrator',
    'woaini1314',
    '5201314520',
    'changeme',
    'welcome1',
    'letmein1',
    'zxcvbnm1',
    'aa123456',
    'qq123456',
  ].map((p) => p.toLowerCase()),
);

/** Why `password` may not be chosen (null when it may): at least 8 characters, not a common password. */
export function passwordRefusal(password: string): Msg | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return msg('organisation.password.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (COMMON.has(password.trim().toLowerCase())) return msg('organisation.password.tooCommon');
  return null;
}

// No 0/O, 1/l/I: the one-time password is read out or copied by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random one-time password (14 characters, about 81 bits). */
export function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < 14; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
