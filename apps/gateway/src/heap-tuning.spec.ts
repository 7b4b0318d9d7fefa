import { DEFAULT_HEAP_GROWING_PERCENT, heapFlags, heapGrowingPercent, tuneHeap } from './heap-tuning.js';

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

  it('turns pretenuring off unless told on, and refuses anything else with CONFIG.PRETENURING', () => {
    expect(heapFlags({})).toEqual(['--heap-growing-percent=300', '--no-allocation-site-pretenuring']);
    expect(heapFlags({ CP_BRIDGE_GATEWAY_PRETENURING: 'on', CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '0' })).toEqual([]);
    expect(heapFlags({ CP_BRIDGE_GATEWAY_PRETENURING: 'OFF ', CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '100' })).toEqual(['--heap-growing-percent=100', '--no-allocation-site-pretenuring']);
    expect(() => heapFlags({ CP_BRIDGE_GATEWAY_PRETENURING: 'maybe' })).toThrow(expect.objectContaining({ code: 'CONFIG.PRETENURING' }));
  });

  it('tuneHeap hands V8 every flag, none when both are left to V8, and none at all when the setting is invalid', () => {
    const flags: string[] = [];
    expect(tuneHeap({}, (f) => flags.push(f))).toHaveLength(2);
    expect(tuneHeap({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: '0', CP_BRIDGE_GATEWAY_PRETENURING: 'on' }, (f) => flags.push(f))).toEqual([]);
    expect(flags).toEqual(['--heap-growing-percent=300', '--no-allocation-site-pretenuring']);
    expect(() => tuneHeap({ CP_BRIDGE_GATEWAY_HEAP_GROWING_PERCENT: 'x' }, (f) => flags.push(f))).toThrow();
    expect(flags).toHaveLength(2);
  });
});
