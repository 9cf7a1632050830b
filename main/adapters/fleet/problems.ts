/**
 * What can go wrong between a watcher and a remote agent, each with a code a UI can translate
 * and English words for logs and API readers. Never carries the token.
 */

/** Kind of connection problem. */
export type ProblemCode =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'fingerprint-mismatch'
  | 'untrusted-certificate'
  | 'not-tls'
  | 'tls'
  | 'network'
  | 'wrong-token'
  | 'wrong-credentials'
  | 'not-alertmanager'
  | 'not-hostwatch'
  | 'version-too-old'
  | 'malformed'
  | 'too-large'
  | 'http-error'
  | 'stalled'
  | 'closed';

/** The phase a timeout happened in. */
export type Phase = 'connect' | 'tls' | 'response' | 'body';

/** One problem, in words. */
export interface ConnectionProblem {
  readonly code: ProblemCode;
  /** English sentence naming the host and what to do. */
  readonly message: string;
  readonly phase?: Phase;
  /** For `fingerprint-mismatch`: the pinned fingerprint. */
  readonly expected?: string;
  /** For `fingerprint-mismatch` and `untrusted-certificate`: what the server presented. */
  readonly actual?: string;
  /** For `http-error` and `wrong-token`: the HTTP status. */
  readonly status?: number;
}

/** An error carrying a {@link ConnectionProblem}, thrown inside the client. */
export class ProblemError extends Error {
  constructor(readonly problem: ConnectionProblem) {
    super(problem.message);
  }
}

const PHASE_WORDS: Record<Phase, string> = {
  connect: 'while connecting (DNS and TCP)',
  tls: 'during the TLS handshake',
  response: 'while waiting for an answer',
  body: 'while reading the answer',
};

/** A timeout problem. */
export function timeoutProblem(where: string, phase: Phase, ms: number): ConnectionProblem {
  return {
    code: 'timeout',
    phase,
    message: `${where} did not respond within ${ms / 1000} s ${PHASE_WORDS[phase]}`,
  };
}

/** Turns a socket or TLS error into a problem. */
export function classifyError(err: unknown, where: string, host: string): ConnectionProblem {
  if (err instanceof ProblemError) return err.problem;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e.code ?? '';
  const text = `${code} ${e.message ?? ''}`;
  if (
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EAI_NONAME' ||
    code === 'EAI_FAIL'
  ) {
    return {
      code: 'dns',
      message: `The name ${host} cannot be resolved (DNS ${code}): check the spelling`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      code: 'refused',
      message: `${where} refused the connection: nothing listens there (is the agent running, on this port?)`,
    };
  }
  if (/wrong version number|packet length too long|unknown protocol|http request/i.test(text)) {
    return {
      code: 'not-tls',
      message: `${where} does not speak TLS (a plain HTTP server?): the agent serves HTTPS beyond loopback`,
    };
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') {
    return { code: 'tls', message: `TLS with ${where} failed: ${e.message}` };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { code: 'closed', message: `${where} closed the connection unexpectedly` };
  }
  return { code: 'network', message: `Cannot reach ${where}: ${code || e.message}` };
}
