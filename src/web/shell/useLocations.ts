import { useEffect, useState } from 'react';
import { api } from '../api.js';
import type { LocationSummary } from '../models.js';

let cached: Promise<LocationSummary[]> | undefined;

/** The organisation's locations, loaded once per page load (they rarely change during a shift). */
export function useLocations(): LocationSummary[] {
  const [locations, setLocations] = useState<LocationSummary[]>([]);
  useEffect(() => {
    let live = true;
    cached ??= api.locations().catch((err) => {
      cached = undefined;
      throw err;
    });
    cached.then((l) => live && setLocations(l), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return locations;
}

/** A location's name for display; a bare reference (`Location/…`) is looked up in `locations`. */
export function locationName(location: { id: string; name: string } | null | undefined, locations: LocationSummary[]): string | null {
  if (!location) return null;
  const known = locations.find((l) => l.id === location.id || `Location/${l.id}` === location.id);
  if (known) return known.name;
  return /^Location\//.test(location.name) ? 'Unnamed location' : location.name;
}
