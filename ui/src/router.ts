import { useEffect, useState } from 'preact/hooks';

/** The page the hash names: `#/campaigns/<id>/analytics` → ['campaigns', '<id>', 'analytics']. */
export function useRoute(): string[] {
  const read = () =>
    location.hash
      .replace(/^#\/?/, '')
      .split('/')
      .filter((p) => p !== '')
      .map((p) => decodeURIComponent(p));
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = () => setParts(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return parts;
}

/** Goes to a page (ids only: nothing secret ever goes into the hash). */
export const go = (path: string): void => {
  location.hash = `#/${path}`;
};
