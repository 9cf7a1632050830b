import { describe, expect, it } from 'vitest';
import { ShownHosts } from '../../main/core/shown-hosts';

describe('ShownHosts', () => {
  it('reports a host shown on its first reference and hidden after its last release', () => {
    const changes: string[][] = [];
    const shown = new ShownHosts((ids) => changes.push([...ids].sort()));
    const a1 = shown.show('web01');
    const a2 = shown.show('web01');
    const b = shown.show('web02');
    expect(changes).toEqual([['web01'], ['web01', 'web02']]);
    a1();
    expect(changes).toHaveLength(2);
    expect(shown.count('web01')).toBe(1);
    a2();
    expect(changes.at(-1)).toEqual(['web02']);
    b();
    expect(changes.at(-1)).toEqual([]);
    expect(shown.ids().size).toBe(0);
  });

  it('ignores a second release of the same reference', () => {
    const changes: string[][] = [];
    const shown = new ShownHosts((ids) => changes.push([...ids]));
    const first = shown.show('web01');
    const second = shown.show('web01');
    first();
    first();
    expect(shown.count('web01')).toBe(1);
    expect(changes).toEqual([['web01']]);
    second();
    expect(changes).toEqual([['web01'], []]);
  });
});
