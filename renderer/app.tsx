/**
 * The window: health banner, tabs (Status, History, Events, Settings) kept in sync with the
 * location hash (see routing.ts), the UI language, and the document title and favicon that show
 * the health.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AlertState, Health } from '../main/shared/contract';
import type { Settings } from '../main/shared/settings';
import { ackAlertsKey, EventsView } from './components/events-view';
import { HealthBanner } from './components/health-banner';
import { HEALTH_ICON } from './components/health-icon';
import { HistoryView, type HistoryFocus } from './components/history-view';
import { StatusView } from './components/status-view';
import { I18nContext, createI18n, type Language } from './i18n';
import { parseRoute, routeHash, TABS, type Tab } from './routing';
import { SettingsView } from './settings/settings-view';
import { useLive } from './state/context';

export { TABS, type Tab };

const FAVICON_COLOUR: Readonly<Record<Health, string>> = {
  ok: '#1a7f37',
  warning: '#b45309',
  critical: '#c62828',
  unknown: '#6b7280',
};

/** An SVG favicon in the health's colour, as a data URL (allowed by the CSP's img-src data:). */
export function faviconFor(health: Health): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="${FAVICON_COLOUR[health]}"/><path d="M7 17h5l2-6 4 12 2-6h5" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Props of {@link App}. */
export interface AppProps {
  /** Tab to open first when the location hash names no route (tests). */
  readonly initialTab?: Tab;
}

/** The whole UI. */
export function App({ initialTab = 'status' }: AppProps) {
  const { status, events, connection } = useLive();
  const [initial] = useState(
    () => parseRoute(window.location.hash) ?? { tab: initialTab, focus: null },
  );
  const [tab, setTab] = useState<Tab>(initial.tab);
  /** Time of the event to highlight in the Events tab (from a `?focus=` route). */
  const [eventFocus, setEventFocus] = useState<number | null>(initial.focus);
  const [focus, setFocus] = useState<HistoryFocus | null>(null);
  const [lang, setLang] = useState<Language>(status?.language ?? 'en');
  const [seenLang, setSeenLang] = useState(status?.language);
  if (status?.language !== seenLang) {
    setSeenLang(status?.language);
    if (status?.language) setLang(status.language);
  }
  const i18n = useMemo(() => createI18n(lang), [lang]);
  // Firing alerts for the Events view's Acknowledge, stable while only their values move.
  const alertsKey = ackAlertsKey(status?.alerts);
  const ackAlerts = useMemo(() => JSON.parse(alertsKey) as AlertState[], [alertsKey]);
  const { t } = i18n;
  const health: Health = status?.health ?? 'unknown';
  const host = status?.host.displayName ?? '';
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    status: null,
    history: null,
    events: null,
    settings: null,
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // A notification click on an open window changes only the hash.
  useEffect(() => {
    const onHash = () => {
      const route = parseRoute(window.location.hash);
      if (!route) return; // an in-page anchor, not a route
      setTab(route.tab);
      setEventFocus(route.focus);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // The hash follows the tab; replaceState, so switching tabs does not fill the back history
  // (and fires no hashchange).
  useEffect(() => {
    const want = routeHash({ tab, focus: tab === 'events' ? eventFocus : null });
    if (window.location.hash !== want) window.history.replaceState(window.history.state, '', want);
  }, [tab, eventFocus]);
  useEffect(() => {
    document.title = host
      ? t('title.format', { icon: HEALTH_ICON[health], health: t(`health.${health}`), host })
      : `${HEALTH_ICON[health]} ${t(`health.${health}`)} — Hostwatch`;
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (link) link.href = faviconFor(health);
  }, [t, health, host]);

  /** The user picks a tab: a focused event is let go once they leave the Events tab. */
  const selectTab = useCallback((next: Tab) => {
    setTab(next);
    if (next !== 'events') setEventFocus(null);
  }, []);
  // Stable, so the memoized Events and Settings views skip the re-render of every pushed status.
  const showInHistory = useCallback(
    (f: HistoryFocus) => {
      setFocus(f);
      selectTab('history');
    },
    [selectTab],
  );
  const onSettingsSaved = useCallback((s: Settings) => setLang(s.general.language), []);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    selectTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app" lang={lang}>
        <header className="app-header">
          <h1 className="app-title">
            <img src="./favicon.svg" alt="" width={22} height={22} /> {t('app.name')}
          </h1>
          <nav aria-label={t('nav.label')}>
            <div role="tablist" aria-label={t('nav.label')} className="tabs">
              {TABS.map((name) => (
                <button
                  key={name}
                  ref={(el) => void (tabRefs.current[name] = el)}
                  role="tab"
                  type="button"
                  id={`tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls={`panel-${name}`}
                  tabIndex={tab === name ? 0 : -1}
                  className="tab"
                  onClick={() => selectTab(name)}
                  onKeyDown={onTabKey}
                >
                  {t(`nav.${name}`)}
                </button>
              ))}
            </div>
          </nav>
        </header>
        <HealthBanner status={status} connection={connection} />
        <main
          id={`panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
          className="panel"
          tabIndex={-1}
        >
          {tab === 'status' && <StatusView status={status} />}
          {tab === 'history' && <HistoryView status={status} focus={focus} />}
          {tab === 'events' && (
            <EventsView
              events={events}
              focusTime={eventFocus}
              onShowInHistory={showInHistory}
              alerts={ackAlerts}
              {...(status ? { hostId: status.hostId } : {})}
            />
          )}
          {tab === 'settings' && <SettingsView status={status} onSaved={onSettingsSaved} />}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
