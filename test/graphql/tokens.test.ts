import { SignJWT } from 'jose';
import { TokenService } from '../../src/auth/tokens';

const SECRET = 'token-test-secret-token-test-secret-00';

describe('TokenService', () => {
  it('verifies a token again from memory, but never past its expiry', async () => {
    const tokens = new TokenService(SECRET, 1);
    const { token } = await tokens.issue(42);
    expect(await tokens.verify(token)).toBe(42);
    expect(await tokens.verify(token)).toBe(42);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await tokens.verify(token)).toBeNull();
  });

  it('refuses a token without an expiry, a forged one and a tampered one, and does not remember them', async () => {
    const tokens = new TokenService(SECRET, 3600);
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('7')
      .setIssuer('disclosure-federation')
      .setAudience('disclosure-federation-api')
      .sign(key);
    expect(await tokens.verify(noExp)).toBeNull();
    const { token } = await new TokenService('another-secret-another-secret-another-1', 3600).issue(7);
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
    const good = (await tokens.issue(7)).token;
    const [h, p, s] = good.split('.');
    const tampered = [h, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '1' })).toString('base64url'), s].join('.');
    expect(await tokens.verify(good)).toBe(7);
    expect(await tokens.verify(tampered)).toBeNull();
  });
});
