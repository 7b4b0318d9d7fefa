import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent, tuneHeap } from './heap-tuning.js';

describe('gateway heap tuning', () => {
  it('defaults to letting the old generation grow 4× and takes an override, 0 meaning V8 decides', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(300);
    expect(heapGrowingPercent({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '150' })).toBe(150);
    expect(heapGrowingPercent({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '0' })).toBe(0);
  });

  it.each(['-1', '2.5', 'lots', '5000'])('refuses %p with CONFIG.HEAP_GROWING_PERCENT', (value) => {
    expect(() => heapGrowingPercent({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: value })).toThrow(expect.objectContaining({ code: 'CONFIG.HEAP_GROWING_PERCENT' }));
  });

  it('tuneHeap hands V8 the flag, and nothing at all for 0', () => {
    const flags: string[] = [];
    expect(tuneHeap({}, (f) => flags.push(f))).toBe(300);
    expect(tuneHeap({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '0' }, (f) => flags.push(f))).toBe(0);
    expect(flags).toEqual(['--heap-growing-percent=300']);
    expect(() => tuneHeap({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: 'x' }, (f) => flags.push(f))).toThrow();
    expect(flags).toHaveLength(1);
  });
});
