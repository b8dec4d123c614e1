import { SuspectInstances } from '../../../../provider/engine/health/suspect-instances';

describe('SuspectInstances', () => {
  test('a mark is reported once, renewed silently, and ends with a success (clear)', () => {
    let changes = 0;
    const s = new SuspectInstances(() => { changes++; }, 60_000);
    expect(s.size).toBe(0);
    s.mark('i-1');
    s.mark('i-1');
    expect(s.has('i-1')).toBe(true);
    expect(changes).toBe(1);
    expect(s.expire()).toBe(false); // the hold is not over
    s.clear('i-2'); // not marked: nothing changes
    expect(changes).toBe(1);
    s.clear('i-1');
    expect(s.has('i-1')).toBe(false);
    expect(changes).toBe(2);
  });

  test('marks end when their hold is over', () => {
    let changes = 0;
    const s = new SuspectInstances(() => { changes++; }, 0);
    s.mark('i-1');
    s.mark('i-2');
    expect(changes).toBe(2);
    expect(s.expire()).toBe(true);
    expect(s.size).toBe(0);
    expect(changes).toBe(3);
    expect(s.expire()).toBe(false);
  });

  test('retainOnly drops the marks of instances no longer InService, without a change callback', () => {
    let changes = 0;
    const s = new SuspectInstances(() => { changes++; }, 60_000);
    s.mark('i-1');
    s.mark('i-2');
    s.retainOnly((id) => id === 'i-2');
    expect([s.has('i-1'), s.has('i-2')]).toEqual([false, true]);
    expect(changes).toBe(2);
  });
});
