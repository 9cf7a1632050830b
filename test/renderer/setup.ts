// Setup for the renderer project (happy-dom): unmount after each test and clear the location
// hash the app keeps in sync with its tab, so tests stay independent.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Some files run in the node environment (no window).
  if (typeof window === 'undefined') return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
});
