import { describe, expect, it } from 'vitest';
import { parseAlertTo, parseSmtpUrl } from '../../main/adapters/mailer/smtp-url';

describe('parseSmtpUrl', () => {
  it('reads smtps:// as implicit TLS and smtp:// as required STARTTLS, with default ports', () => {
    expect(parseSmtpUrl('smtps://alerts%40example.com:p%40ss%3Aword@mail.example.com')).toEqual({
      smtp: {
        host: 'mail.example.com',
        port: 465,
        security: 'tls',
        username: 'alerts@example.com',
      },
      password: 'p@ss:word',
    });
    expect(parseSmtpUrl('smtp://bob:pw@mail.example.com:2525')).toEqual({
      smtp: { host: 'mail.example.com', port: 2525, security: 'starttls', username: 'bob' },
      password: 'pw',
    });
    expect(parseSmtpUrl('smtp://relay.example.com').password).toBeUndefined();
    expect(parseSmtpUrl('smtp://127.0.0.1:25?security=none').smtp.security).toBe('none');
  });

  it('refuses other schemes, plain SMTP off loopback, and never echoes the password', () => {
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => parseSmtpUrl('smtp://u:hunter22@mail.example.com?security=none')).toThrow(
      /only to a local mail server/,
    );
    expect(() => parseSmtpUrl('smtp://u:hunter22@mail.example.com?security=none')).not.toThrow(
      /hunter22/,
    );
    expect(() => parseSmtpUrl('not a url hunter22')).not.toThrow(/hunter22/);
    expect(() => parseSmtpUrl('smtp://u:hunter22@mail.example.com?security=ssl')).toThrow(
      /security=/,
    );
  });
});

describe('parseAlertTo', () => {
  it('splits a list and refuses anything that could smuggle a header or a recipient', () => {
    expect(parseAlertTo('ops@example.com, oncall@example.org;boss@example.net')).toEqual([
      'ops@example.com',
      'oncall@example.org',
      'boss@example.net',
    ]);
    expect(() => parseAlertTo('ops@example.com,"x"@evil.test')).toThrow(
      /Not a valid email address/,
    );
    expect(() => parseAlertTo('Ops <ops@example.com>')).toThrow(/Not a valid email address/);
    expect(() => parseAlertTo(' , ')).toThrow(/at least one/);
  });
});
