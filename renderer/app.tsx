/**
 * The window: health banner, tabs (Fleet, Status, History, Events, Settings) kept in sync with
 * the location hash (see host-route.ts: `#/fleet`, `#/<host>/<tab>`), the host switcher, the UI
 * language, and the document title and favicon that show the health.
 */
import {
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import { LOCAL_HOST_ID, type AlertState, type Health, type HostId } from '../main/shared/contract';
import { summarize } from '../main/shared/host-summary';
import type { Settings } from '../main/shared/settings';
import { ackAlertsKey, EventsView } from './components/events-view';
import { HealthBanner } from './components/health-banner';
import { HEALTH_ICON } from './components/health-icon';
import { FleetHostNotice } from './components/fleet-unreachable';
import { FleetView } from './components/fleet-view';
import { HistoryView, type HistoryFocus } from './components/history-view';
import { HostSwitcher } from './components/host-switcher';
import { StatusView } from './components/status-view';
import { I18nContext, createI18n, type Language } from './i18n';
import { hostRouteHash, parseHostRoute } from './host-route';
import { TABS, type Tab } from './routing';
import { SettingsView } from './settings/settings-view';
import { StoreContext, StoresContext, useLive, useStore } from './state/context';
import { FleetStore } from './state/fleet-store';
import { LiveStores } from './state/live-stores';
import { useShownHost } from './state/shown-host';

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

/** A view of the window: the Fleet overview or one of a host's tabs. */
type View = 'fleet' | Tab;

/** The whole UI. */
export function App({ initialTab = 'status' }: AppProps) {
  // The outer store is the local host's: its status sets the language.
  const localStore = useStore();
  const { status: localStatus } = useLive();
  const given = useContext(StoresContext);
  const [made] = useState(() =>
    given
      ? null
      : {
          stores: new LiveStores(localStore.transport, localStore),
          fleet: new FleetStore(localStore.transport.api),
        },
  );
  const { stores, fleet } = given ?? made!;
  const [initial] = useState((): { view: View; host: HostId; focus: number | null } => {
    const r = parseHostRoute(window.location.hash);
    if (!r) return { view: initialTab, host: LOCAL_HOST_ID, focus: null };
    if (r.view === 'fleet') return { view: 'fleet', host: LOCAL_HOST_ID, focus: null };
    return { view: r.route.tab, host: r.host, focus: r.route.focus };
  });
  const [tab, setTab] = useState<View>(initial.view);
  const [hostId, setHostId] = useState<HostId>(initial.host);
  // The Fleet tab concerns this instance; Status, History, Events and Settings the chosen host.
  const hostScoped = tab !== 'fleet';
  const store = hostScoped && hostId !== LOCAL_HOST_ID ? stores.open(hostId) : localStore;
  const { status, events, connection } = useSyncExternalStore(store.subscribe, store.getState);
  const fleetState = useSyncExternalStore(fleet.subscribe, fleet.getState);
  // This computer's sparklines for its Fleet card, from its live store (new state, new rings).
  const localSparks = useMemo(() => {
    const disk = localStatus ? summarize(localStatus).headline.disk : null;
    return {
      cpu: localStore.spark('cpu.total'),
      mem: localStore.spark('mem.used_pct'),
      disk: disk ? localStore.spark(`disk.used_pct{${disk.target}}`) : [],
    };
  }, [localStore, localStatus]);
  const fleetHosts = fleetState.fleet?.hosts ?? [];
  const fleetHost = fleetHosts.find((h) => h.id === hostId);
  // The Fleet tab shows once there is more than this computer (or when asked for by route).
  const showFleet = tab === 'fleet' || fleetHosts.some((h) => h.kind !== 'local');
  const views: readonly View[] = showFleet ? ['fleet', ...TABS] : TABS;
  /** Time of the event to highlight in the Events tab (from a `?focus=` route). */
  const [eventFocus, setEventFocus] = useState<number | null>(initial.focus);
  const [focus, setFocus] = useState<HistoryFocus | null>(null);
  const [lang, setLang] = useState<Language>(localStatus?.language ?? 'en');
  const [seenLang, setSeenLang] = useState(localStatus?.language);
  if (localStatus?.language !== seenLang) {
    setSeenLang(localStatus?.language);
    if (localStatus?.language) setLang(localStatus.language);
  }
  const i18n = useMemo(() => createI18n(lang), [lang]);
  // Firing alerts for the Events view's Acknowledge, stable while only their values move.
  const alertsKey = ackAlertsKey(status?.alerts);
  const ackAlerts = useMemo(() => JSON.parse(alertsKey) as AlertState[], [alertsKey]);
  const { t } = i18n;
  const health: Health = status?.health ?? 'unknown';
  const host = status?.host.displayName ?? fleetHost?.name ?? '';
  const tabRefs = useRef<Record<View, HTMLButtonElement | null>>({
    fleet: null,
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
      const route = parseHostRoute(window.location.hash);
      if (!route) return; // an in-page anchor, not a route
      if (route.view === 'fleet') {
        setTab('fleet');
        return;
      }
      setHostId(route.host);
      setTab(route.route.tab);
      setEventFocus(route.route.focus);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // The hash follows the tab; replaceState, so switching tabs does not fill the back history
  // (and fires no hashchange).
  useEffect(() => {
    const want =
      tab === 'fleet'
        ? hostRouteHash({ view: 'fleet' })
        : hostRouteHash({
            view: 'host',
            host: hostId,
            route: { tab, focus: tab === 'events' ? eventFocus : null },
          });
    if (window.location.hash !== want) window.history.replaceState(window.history.state, '', want);
  }, [tab, hostId, eventFocus]);
  // A shown remote host's statuses are pushed while it is shown (its full stream at the watcher).
  useShownHost(localStore.transport, hostScoped ? hostId : null);
  useEffect(() => {
    document.title = host
      ? t('title.format', { icon: HEALTH_ICON[health], health: t(`health.${health}`), host })
      : `${HEALTH_ICON[health]} ${t(`health.${health}`)} — Hostwatch`;
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (link) link.href = faviconFor(health);
  }, [t, health, host]);

  /** The user picks a tab: a focused event is let go once they leave the Events tab. */
  const selectTab = useCallback((next: View) => {
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
  // Only this computer's settings choose the UI's language, not a watched host's.
  const onSettingsSaved = useCallback(
    (s: Settings) => {
      if (hostId === LOCAL_HOST_ID) setLang(s.general.language);
    },
    [hostId],
  );
  /** The user picks a host (switcher or Fleet card): its status, from the Fleet tab. */
  const selectHost = useCallback((next: HostId) => {
    setHostId(next);
    setEventFocus(null);
    setFocus(null);
    setTab((t) => (t === 'fleet' ? 'status' : t));
  }, []);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = views.indexOf(tab);
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? views[(i + 1) % views.length]
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? views[(i + views.length - 1) % views.length]
          : e.key === 'Home'
            ? views[0]
            : e.key === 'End'
              ? views[views.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    selectTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <I18nContext.Provider value={i18n}>
      <StoresContext.Provider value={given ?? made}>
        <StoreContext.Provider value={store}>
          <div className="app" lang={lang}>
            <header className="app-header">
              <h1 className="app-title">
                <img src="./favicon.svg" alt="" width={22} height={22} /> {t('app.name')}
              </h1>
              <nav aria-label={t('nav.label')}>
                <div role="tablist" aria-label={t('nav.label')} className="tabs">
                  {views.map((name) => (
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
              {fleetHosts.length > 1 && hostScoped && (
                <HostSwitcher hosts={fleetHosts} value={hostId} onChange={selectHost} />
              )}
            </header>
            {hostScoped && (
              <FleetHostNotice
                hostId={hostId}
                host={fleetHost}
                fleetKnown={fleetState.fleet !== null}
                now={fleetState.at}
                shown={status !== null}
              />
            )}
            {/* An unreachable host's health is its own state, said by the notice, not grey "unknown". */}
            {!(hostScoped && fleetHost?.health === 'unreachable') && (
              <HealthBanner status={status} connection={connection} />
            )}
            <main
              // A new host is a new panel: no view keeps another host's data or requests.
              key={hostScoped ? hostId : LOCAL_HOST_ID}
              id={`panel-${tab}`}
              role="tabpanel"
              aria-labelledby={`tab-${tab}`}
              className="panel"
              tabIndex={-1}
            >
              {tab === 'fleet' && (
                <FleetView
                  fleet={fleet}
                  onOpenHost={selectHost}
                  localStatus={localStatus}
                  localSparks={localSparks}
                />
              )}
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
              {tab === 'settings' && fleetHosts.length > 1 && (
                <p className="settings-host" role="note">
                  {hostId === LOCAL_HOST_ID
                    ? t('settings.ofLocal', { host: localStatus?.host.displayName ?? '' })
                    : t('settings.ofRemote', { host })}
                </p>
              )}
              {tab === 'settings' && <SettingsView status={status} onSaved={onSettingsSaved} />}
            </main>
          </div>
        </StoreContext.Provider>
      </StoresContext.Provider>
    </I18nContext.Provider>
  );
}
