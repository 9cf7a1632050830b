/**
 * "Test connection" on a row of Settings → Servers: the state of one test (running, its answer
 * while the row still holds what was tested) and the answer in words, with "Pin this
 * fingerprint" when the server presents another certificate than the pinned one, or none is
 * pinned yet.
 */
import { useState } from 'react';
import type { ConnectionTestResult } from '../../main/shared/contract';
import { useI18n } from '../i18n';

/** One row's connection test. */
export interface ConnectionTest {
  readonly testing: boolean;
  /** The answer, or null before a test or once the row changed since. */
  readonly result: ConnectionTestResult | null;
  /** Whether "Pin this fingerprint" was just used. */
  readonly pinned: boolean;
  /** Runs a test; `call` answers the result (errors already turned into one). */
  run(call: () => Promise<ConnectionTestResult>): Promise<void>;
  /** Clears the answer after pinning. */
  markPinned(): void;
}

/**
 * The state of a row's test. `rowKey` names what the row holds: the answer is shown only while
 * the row still holds those values (an edit, or a removed row above shifting this one, makes it
 * stale).
 */
export function useConnectionTest(rowKey: string): ConnectionTest {
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ key: string; result: ConnectionTestResult } | null>(null);
  const [pinned, setPinned] = useState(false);
  return {
    testing,
    result: tested?.key === rowKey ? tested.result : null,
    pinned,
    run: async (call) => {
      setTesting(true);
      setTested(null);
      setPinned(false);
      const r = await call();
      setTesting(false);
      setTested({ key: rowKey, result: r });
    },
    markPinned: () => {
      setPinned(true);
      setTested(null);
    },
  };
}

/** Props of {@link ConnectionResult}. */
export interface ConnectionResultProps {
  readonly test: ConnectionTest;
  /** The answer in the UI language. */
  readonly text: (result: ConnectionTestResult) => string;
  /** The row's pinned fingerprint now. */
  readonly fingerprint: string | null;
  readonly onPin: (fingerprint: string) => void;
}

/** The answer of a row's test, and "Pin this fingerprint" where it applies. */
export function ConnectionResult({ test, text, fingerprint, onPin }: ConnectionResultProps) {
  const { t } = useI18n();
  const result = test.result;
  const seen = result?.fingerprintSeen;
  const canPin =
    !!result &&
    !result.connected &&
    (result.code === 'fingerprint-mismatch' || result.code === 'untrusted-certificate') &&
    !!seen &&
    seen !== fingerprint;
  return (
    <div aria-live="polite">
      {result && (
        <p
          className={result.connected ? 'ok-text wrap-anywhere' : 'error-text wrap-anywhere'}
          data-testid="connection-result"
          data-code={result.code}
          title={result.message}
        >
          {result.connected ? '✓ ' : '✗ '}
          {text(result)}
        </p>
      )}
      {canPin && (
        <button
          type="button"
          onClick={() => {
            onPin(seen);
            test.markPinned();
          }}
        >
          {t('servers.pin')}
        </button>
      )}
      {test.pinned && <p className="ok-text">{t('servers.pinned')}</p>}
    </div>
  );
}

/** The row's "Test connection" button, "Testing…" while a test runs. */
export function TestButton({ test, onTest }: { test: ConnectionTest; onTest: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" onClick={onTest} disabled={test.testing}>
      {test.testing ? t('servers.testing') : t('servers.test')}
    </button>
  );
}
