/**
 * Link-local and cloud-metadata addresses: the pure rule lives in main/shared/private-address.ts,
 * so the settings form warns with the same rule the runner enforces.
 */
export { isPrivateTarget } from '../../shared/private-address';
