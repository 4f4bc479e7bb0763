/** Stops the engines global-setup started (in reverse order). */
export default async function globalTeardown(): Promise<void> {
  const handles = ((globalThis as { __ENGINES__?: { stop(): Promise<void> }[] }).__ENGINES__ ?? []).reverse();
  for (const h of handles) await h.stop();
}
