import { describe, expect, it } from 'vitest';
import {
  claimSingleInstance,
  setupPower,
  setupQuit,
  type InstanceApp,
  type QuitApp,
} from '../../main/app/lifecycle';
import { memoryLogger } from './fakes';

/** Two processes sharing one OS lock, as requestSingleInstanceLock does. */
function lockedPair() {
  let held = false;
  const firstListeners: (() => void)[] = [];
  const make = (isFirst: boolean) => {
    const calls: string[] = [];
    const app: InstanceApp = {
      requestSingleInstanceLock: () => (held ? false : (held = true)),
      quit: () => void calls.push('quit'),
      on: (_e, l) => void (isFirst ? firstListeners : []).push(l),
    };
    return { app, calls };
  };
  const first = make(true);
  const second = make(false);
  // Electron raises 'second-instance' in the first process when the second asks for the lock.
  const launchSecond = (onSecond: () => void) => {
    const ok = claimSingleInstance(second.app, onSecond);
    if (!ok) firstListeners.forEach((l) => l());
    return ok;
  };
  return { first, second, launchSecond };
}

describe('single instance', () => {
  it('a second launch focuses the first and starts nothing itself', () => {
    const { first, second, launchSecond } = lockedPair();
    const focused: string[] = [];
    let engines = 0;
    if (claimSingleInstance(first.app, () => focused.push('first window'))) engines++;
    if (launchSecond(() => focused.push('second window'))) engines++;
    expect(engines).toBe(1);
    expect(focused).toEqual(['first window']);
    expect(second.calls).toEqual(['quit']);
    expect(first.calls).toEqual([]);
  });
});

describe('power and quit', () => {
  it('forwards suspend and resume to the engine', () => {
    const listeners = new Map<string, () => void>();
    const seen: string[] = [];
    setupPower(
      { on: (e, l) => listeners.set(e, l) },
      { suspend: () => seen.push('suspend'), resume: () => seen.push('resume') },
    );
    listeners.get('suspend')!();
    listeners.get('resume')!();
    expect(seen).toEqual(['suspend', 'resume']);
  });

  it('stops the engine once before really quitting, and survives closing all windows', async () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    const seen: string[] = [];
    let release!: () => void;
    const app = {
      quit: () => seen.push('quit'),
      on: (e: string, l: (e: { preventDefault(): void }) => void) => listeners.set(e, l),
    } as unknown as QuitApp;
    setupQuit(app, {
      beforeStop: () => seen.push('allow close'),
      engine: { stop: () => (seen.push('stop'), new Promise<void>((r) => (release = r))) },
      afterStop: () => seen.push('tray destroyed'),
      logger: memoryLogger(),
    });
    expect(listeners.has('window-all-closed')).toBe(true);
    const quitEvent = () => {
      let prevented = false;
      listeners.get('before-quit')!({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(quitEvent()).toBe(true);
    expect(quitEvent()).toBe(true); // a second Quit click while stopping: still waiting, no second stop
    expect(seen).toEqual(['allow close', 'stop']);
    release();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['allow close', 'stop', 'tray destroyed', 'quit']);
    expect(quitEvent()).toBe(false); // the real quit goes through
  });
});
