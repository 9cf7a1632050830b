/**
 * What the sampler counts and what it skips, shared by the Linux readers and the
 * systeminformation path so both report the same kinds of targets.
 */
import type { ProcessInfo } from '../../shared/metrics';

/**
 * Filesystem types that hold no user data (kernel, memory-backed or layered views), plus
 * read-only images (squashfs snaps, iso9660), which are always 100 % full and would only alarm.
 */
const PSEUDO_FS = new Set([
  'proc',
  'sysfs',
  'tmpfs',
  'devtmpfs',
  'devpts',
  'overlay',
  'overlayfs',
  'squashfs',
  'cgroup',
  'cgroup2',
  'nsfs',
  'autofs',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'binfmt_misc',
  'rpc_pipefs',
  'efivarfs',
  'ramfs',
  'selinuxfs',
  'fuse.lxcfs',
  'fuse.gvfsd-fuse',
  'fuse.portal',
  'nullfs',
  'devfs',
  'iso9660',
]);

/** Whether a filesystem type is a pseudo or virtual one that disk usage skips. */
export function isPseudoFs(type: string): boolean {
  return PSEUDO_FS.has(type.toLowerCase());
}

/**
 * Keeps one mount per device: bind mounts show the same device again under another path; the
 * shortest path wins (`/` before `/var/lib/docker/...`).
 */
export function dedupeByDevice<T extends { readonly device: string; readonly mount: string }>(
  mounts: readonly T[],
): T[] {
  const best = new Map<string, T>();
  for (const m of mounts) {
    const prev = best.get(m.device);
    if (prev === undefined || m.mount.length < prev.mount.length) best.set(m.device, m);
  }
  return [...best.values()];
}

/** Interfaces that are loopback or obviously virtual (containers, bridges, libvirt, CNI). */
const VIRTUAL_IFACE = /^(lo|veth|docker|br-|virbr|vnet|ifb|cali|flannel|cni|kube-|lxcbr|lxdbr)/;

/** Whether a network interface is skipped (loopback or virtual plumbing). */
export function isVirtualIface(name: string): boolean {
  return VIRTUAL_IFACE.test(name);
}

/** Number of processes in each top list. */
export const TOP_N = 5;

/** The top processes by CPU and by memory, sorted descending and bounded to {@link TOP_N}. */
export function topProcesses(all: readonly ProcessInfo[]): {
  byCpu: ProcessInfo[];
  byMemory: ProcessInfo[];
} {
  const byCpu = [...all].sort((a, b) => b.cpu - a.cpu || b.memBytes - a.memBytes).slice(0, TOP_N);
  const byMemory = [...all]
    .sort((a, b) => b.memBytes - a.memBytes || b.cpu - a.cpu)
    .slice(0, TOP_N);
  return { byCpu, byMemory };
}
