import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` while mounted (drives the elapsed timer). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
