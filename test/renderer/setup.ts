// Setup for the renderer project (happy-dom): unmount after each test so tests stay independent.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
