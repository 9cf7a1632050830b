/**
 * Wires the fleet service to a real engine: the silence series after every status push, the
 * servers from settings on start and on every change, the last event ids in the data folder.
 */
import { join } from 'node:path';
import type { Engine } from '../../core/engine';
import type { Clock, EventSink, Logger, SecretStore } from '../../core/ports';
import type { Settings } from '../../shared/settings';
import { errorText } from '../../shared/errors';
import { createJsonStateStore } from '../json-state';
import { createFleetService, type FleetService } from './fleet-service';
import type { FollowOptions } from './follow-host';

export type { FleetService } from './fleet-service';

/** A started fleet service and the hook for settings changes. */
export interface FleetWiring {
  readonly service: FleetService;
  /** Applies changed settings (in order; errors are logged). */
  applySoon(settings: Settings): void;
}

/** What {@link startFleet} needs besides the engine. */
export interface FleetWiringOptions {
  readonly events: EventSink;
  readonly secrets: SecretStore;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The settings the engine started with. */
  readonly settings: Settings;
  readonly followOptions?: FollowOptions;
}

/** Creates the fleet service for this engine and follows the configured servers. */
export async function startFleet(engine: Engine, o: FleetWiringOptions): Promise<FleetWiring> {
  const service = await createFleetService({
    hosts: engine.hosts,
    setExternal: (id, values) => engine.setExternal(id, values),
    clearExternal: (id) => engine.clearExternal(id),
    notices: engine,
    events: o.events,
    secrets: o.secrets,
    logger: o.logger,
    state: createJsonStateStore(join(o.dataDir, 'fleet-state.json'), o.logger),
    monotonic: () => o.clock.monotonic(),
    now: () => o.clock.now(),
    ...(o.followOptions ? { followOptions: o.followOptions } : {}),
  });
  engine.subscribe('status', (status) => service.tick(status.alerts));
  let chain: Promise<void> = Promise.resolve();
  const applySoon = (settings: Settings): void => {
    chain = chain
      .then(() => service.apply(settings))
      .catch((err: unknown) => o.logger.error('Fleet settings not applied', errorText(err)));
  };
  applySoon(o.settings);
  await chain;
  return { service, applySoon };
}
