/**
 * The ports the fleet service uses, re-exported from core so the service's imports stay in one
 * place (and the service never reaches into the engine class itself).
 */
export type { EventSink, Logger, SecretStore } from '../../core/ports';
export type { StateStorePort } from '../../core/engine-deps';
import type { Engine } from '../../core/engine';

/** Where the fleet's notices (this computer is offline) go. */
export interface NoticeSink {
  addNotice: Engine['addNotice'];
}
