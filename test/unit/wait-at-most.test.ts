import { waitAtMost } from '../../api/services/wait-at-most';

const after = (ms: number, fail = false) =>
  new Promise<void>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error('refused')) : resolve()), ms),
  );

describe('waitAtMost (the webhook hand-off wait)', () => {
  it('says done when the work succeeds in time', async () => {
    const late = jest.fn();
    await expect(waitAtMost(after(5), 1_000, late)).resolves.toBe('done');
    expect(late).not.toHaveBeenCalled();
  });

  it('rejects when the work fails in time', async () => {
    const late = jest.fn();
    await expect(waitAtMost(after(5, true), 1_000, late)).rejects.toThrow('refused');
    expect(late).not.toHaveBeenCalled();
  });

  it('says pending when the work outlasts the wait, and hands a later failure to onLateFailure', async () => {
    const late = jest.fn();
    const work = after(200, true);
    await expect(waitAtMost(work, 10, late)).resolves.toBe('pending');
    await work.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(late).toHaveBeenCalledWith(expect.objectContaining({ message: 'refused' }));
  });

  it('says pending and reports nothing when the work succeeds after the wait', async () => {
    const late = jest.fn();
    const work = after(100);
    await expect(waitAtMost(work, 10, late)).resolves.toBe('pending');
    await work;
    expect(late).not.toHaveBeenCalled();
  });
});
