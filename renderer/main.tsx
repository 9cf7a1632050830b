/** Entry point: picks the transport, starts the live store and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { selectTransport } from './api';
import { App } from './app';
import { installBenchHook } from './charts/registry';
import { StoreContext } from './state/context';
import { LiveStores } from './state/live-stores';

const stores = new LiveStores(selectTransport());
// Every view today shows the local host.
const store = stores.local;
void store.start();
installBenchHook(window);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}
