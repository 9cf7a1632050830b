/**
 * The window: health banner, tabs (Status, History, Events, Settings), the UI language, and
 * the document title and favicon that show the health.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Health } from '../main/shared/contract';
import { EventsView } from './components/events-view';
import { HEALTH_ICON, HealthBanner } from './components/health-banner';
import { HistoryView, type HistoryFocus } from './components/history-view';
import { StatusView } from './components/status-view';
import { I18nContext, createI18n, type Language } from './i18n';
import { SettingsView } from './settings/settings-view';
import { useLive } from './state/context';

/** The tabs of the window. */
export const TABS = ['status', 'history', 'events', 'settings'] as const;
/** One tab. */
export type Tab = (typeof TABS)[number];

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
  /** Tab to open first (tests). */
  readonly initialTab?: Tab;
}

/** The whole UI. */
export function App({ initialTab = 'status' }: AppProps) {
  const { status, events, connection } = useLive();
  const [tab, setTab] = useState<Tab>(initialTab);
  const [focus, setFocus] = useState<HistoryFocus | null>(null);
  const [lang, setLang] = useState<Language>(status?.language ?? 'en');
  const [seenLang, setSeenLang] = useState(status?.language);
  if (status?.language !== seenLang) {
    setSeenLang(status?.language);
    if (status?.language) setLang(status.language);
  }
  const i18n = useMemo(() => createI18n(lang), [lang]);
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
  useEffect(() => {
    document.title = host
      ? t('title.format', { icon: HEALTH_ICON[health], health: t(`health.${health}`), host })
      : `${HEALTH_ICON[health]} ${t(`health.${health}`)} — Hostwatch`;
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (link) link.href = faviconFor(health);
  }, [t, health, host]);

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
    setTab(next);
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
                  onClick={() => setTab(name)}
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
              onShowInHistory={(f) => {
                setFocus(f);
                setTab('history');
              }}
            />
          )}
          {tab === 'settings' && (
            <SettingsView status={status} onSaved={(s) => setLang(s.general.language)} />
          )}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
