/**
 * When the agent serves HTTPS: beyond loopback always (a token over plain HTTP is readable by
 * anyone on the path), on loopback only with `--tls`. `--no-tls` is accepted only with
 * `--behind-proxy`, where a reverse proxy terminates TLS.
 */
import { isLoopbackHost } from '../../shared/settings';
import {
  loadCertificateFiles,
  loadOrCreateCertificate,
  type AgentCertificate,
} from './self-signed';

/** The TLS-related command-line choices. */
export interface AgentTlsOptions {
  readonly host: string;
  readonly dataDir: string;
  /** `--tls`: TLS on any address, loopback included. */
  readonly tls: boolean;
  /** `--no-tls`. */
  readonly noTls: boolean;
  /** `--behind-proxy`. */
  readonly behindProxy: boolean;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
}

/** Whether to serve HTTPS, or the reason the options do not fit together. */
export function tlsDecision(options: Omit<AgentTlsOptions, 'dataDir'>): boolean | Error {
  const files = options.certFile !== undefined || options.keyFile !== undefined;
  if ((options.certFile === undefined) !== (options.keyFile === undefined)) {
    return new Error('--tls-cert and --tls-key go together: give both files, or neither');
  }
  if (options.noTls && !options.behindProxy) {
    return new Error(
      '--no-tls is accepted only with --behind-proxy (a reverse proxy that terminates TLS): ' +
        'without TLS the token travels in clear text',
    );
  }
  if (options.noTls && (options.tls || files)) {
    return new Error('--no-tls cannot be combined with --tls, --tls-cert or --tls-key');
  }
  if (options.noTls) return false;
  return options.tls || files || !isLoopbackHost(options.host);
}

/**
 * The certificate to serve with, or null for plain HTTP. Throws in words for conflicting flags,
 * unreadable files or a damaged stored certificate.
 */
export async function resolveAgentTls(options: AgentTlsOptions): Promise<AgentCertificate | null> {
  const decision = tlsDecision(options);
  if (decision instanceof Error) throw decision;
  if (!decision) return null;
  if (options.certFile !== undefined && options.keyFile !== undefined) {
    return loadCertificateFiles(options.certFile, options.keyFile);
  }
  return loadOrCreateCertificate(options.dataDir, options.host);
}
