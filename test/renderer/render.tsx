/** Renders the app (or a part of it) against an in-memory API, as main.tsx does. */
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { alwaysConnected } from '../../renderer/api/transport';
import { App, type Tab } from '../../renderer/app';
import { I18nContext, createI18n, type Language } from '../../renderer/i18n';
import { StoreContext } from '../../renderer/state/context';
import { LiveStore } from '../../renderer/state/live-store';
import type { MemoryApi } from './memory-api';

/** Starts a live store on the in-memory API. */
export async function startStore(mem: MemoryApi): Promise<LiveStore> {
  const store = new LiveStore(alwaysConnected('memory', mem.api));
  await store.start();
  return store;
}

/** Renders the whole app on a tab. */
export async function renderApp(
  mem: MemoryApi,
  initialTab: Tab = 'status',
): Promise<RenderResult & { store: LiveStore }> {
  const store = await startStore(mem);
  const result = render(
    <StoreContext.Provider value={store}>
      <App initialTab={initialTab} />
    </StoreContext.Provider>,
  );
  // Let the views' first loads (e.g. getSettings) settle inside act.
  await act(() => Promise.resolve());
  return { ...result, store };
}

/** Renders a component with a store and a language. */
export async function renderWith(
  mem: MemoryApi,
  ui: ReactNode,
  lang: Language = 'en',
): Promise<RenderResult & { store: LiveStore }> {
  const store = await startStore(mem);
  const result = render(
    <StoreContext.Provider value={store}>
      <I18nContext.Provider value={createI18n(lang)}>{ui}</I18nContext.Provider>
    </StoreContext.Provider>,
  );
  return { ...result, store };
}
