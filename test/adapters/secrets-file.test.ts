import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogging, type Logging } from '../../main/adapters/logger';
import { createFileSecretStore } from '../../main/adapters/secrets-file';
import { hostTokenSecret } from '../../main/shared/settings';

let dir: string;
let file: string;
let logging: Logging;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostwatch-secrets-'));
  file = join(dir, 'data', 'secrets.json');
  logging = createLogging({
    dir: join(dir, 'logs'),
    maxFileMB: 1,
    keepFiles: 1,
    consoleLevel: false,
  });
});

afterEach(async () => {
  await logging.close();
  rmSync(dir, { recursive: true, force: true });
});

const mode = (p: string): number => statSync(p).mode & 0o777;
const store = (env: NodeJS.ProcessEnv = {}) =>
  createFileSecretStore({ path: file, env, logger: logging.scope('secrets') });

describe('file secret store', () => {
  it('creates the file with mode 0600 and round-trips set, get and delete', async () => {
    const s = store();
    expect(s.kind).toBe('file');
    expect(await s.get('smtpPassword')).toBeUndefined();

    await s.set('smtpPassword', 'hunter2');
    await s.set('agentToken', 'tok-1');
    expect(mode(file)).toBe(0o600);
    expect(await s.get('smtpPassword')).toBe('hunter2');
    // A second store on the same file sees the same secrets: they live on disk, not in memory.
    expect(await store().get('agentToken')).toBe('tok-1');

    await s.set('smtpPassword', null);
    expect(await s.get('smtpPassword')).toBeUndefined();
    expect(await s.get('agentToken')).toBe('tok-1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      secrets: { agentToken: 'tok-1' },
    });
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(join(dir, 'data'))).toEqual(['secrets.json']);
  });

  it('keeps one token per watched host beside the global secrets, in the same file shape', async () => {
    const s = store({ HOSTWATCH_TOKEN: 'from-env' });
    await s.set('smtpPassword', 'pw');
    await s.set(hostTokenSecret('web02'), 'tok-web02');
    await s.set(hostTokenSecret('web03'), 'tok-web03');
    expect(await store().get(hostTokenSecret('web02'))).toBe('tok-web02');
    expect(await store().get(hostTokenSecret('web04'))).toBeUndefined();
    // The environment overrides only the global secrets it names.
    expect(await s.get('agentToken')).toBe('from-env');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      secrets: {
        smtpPassword: 'pw',
        'host-token:web02': 'tok-web02',
        'host-token:web03': 'tok-web03',
      },
    });
    await s.set(hostTokenSecret('web02'), null);
    expect(await store().get(hostTokenSecret('web02'))).toBeUndefined();
    expect(await store().get('smtpPassword')).toBe('pw');
  });

  it('does not lose an update when two sets overlap', async () => {
    const s = store();
    await Promise.all([s.set('smtpPassword', 'a'), s.set('agentToken', 'b')]);
    expect([await s.get('smtpPassword'), await s.get('agentToken')]).toEqual(['a', 'b']);
  });

  it('narrows a file readable by others to 0600 and warns', async () => {
    await store().set('smtpPassword', 'hunter2');
    chmodSync(file, 0o644);

    expect(await store().get('smtpPassword')).toBe('hunter2');
    expect(mode(file)).toBe(0o600);
    const log = readFileSync(logging.appLogPath, 'utf8');
    expect(log).toMatch(
      /\[warn\].*secrets file .* was readable by other users \(mode 644\); restricted it to 600/,
    );
    expect(log).not.toContain('hunter2');
  });

  it('lets the environment win over the file', async () => {
    await store().set('smtpPassword', 'from-file');
    await store().set('agentToken', 'file-token');

    const s = store({ HOSTWATCH_SMTP_PASSWORD: 'from-env', HOSTWATCH_TOKEN: '' });
    expect(s.kind).toBe('environment');
    expect(s.fromEnvironment('smtpPassword')).toBe(true);
    expect(await s.get('smtpPassword')).toBe('from-env');
    expect(await s.get('agentToken')).toBe('file-token'); // an empty variable does not count

    await s.set('smtpPassword', 'new-file');
    expect(await s.get('smtpPassword')).toBe('from-env');
    expect(await store().get('smtpPassword')).toBe('new-file');
    expect(store({ HOSTWATCH_TOKEN: 't' }).kind).toBe('environment');
  });

  it('moves a corrupt file aside and starts empty', async () => {
    await store().set('smtpPassword', 'x');
    writeFileSync(file, '{"version":1,"secr');
    const s = store();
    expect(await s.get('smtpPassword')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(dir, 'data'))[0]).toMatch(/^secrets\.json\.corrupt-\d+$/);
    await s.set('agentToken', 't');
    expect(mode(file)).toBe(0o600);
  });
});
