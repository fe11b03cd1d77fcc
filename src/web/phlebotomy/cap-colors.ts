/**
 * Cap colours are manufacturer conventions (DOMAIN.md A.1), stored as words ("light blue",
 * "gold / tiger"); this turns a word into a swatch. Unknown words get a neutral swatch and keep
 * their name on screen, so the tube is never shown in a wrong colour.
 */
export interface CapSwatch {
  fill: string;
  /** a second colour for striped caps (tiger top) */
  stripe?: string;
  /** the text colour that reads on `fill` */
  ink: string;
  known: boolean;
}

const swatches: Record<string, Omit<CapSwatch, 'known'>> = {
  'light blue': { fill: '#7cc4f0', ink: '#0b2a3d' },
  'royal blue': { fill: '#1d3fa8', ink: '#fff' },
  red: { fill: '#d0312d', ink: '#fff' },
  gold: { fill: '#e3b23c', ink: '#2e2100' },
  tiger: { fill: '#d0312d', stripe: '#222', ink: '#fff' },
  'dark green': { fill: '#1f6b3a', ink: '#fff' },
  green: { fill: '#2f8f4e', ink: '#fff' },
  'light green': { fill: '#8fd18b', ink: '#12331a' },
  lavender: { fill: '#a88ad9', ink: '#1f1236' },
  purple: { fill: '#7b4bb7', ink: '#fff' },
  pink: { fill: '#f4a6c6', ink: '#3d0f22' },
  grey: { fill: '#9aa1a9', ink: '#14181c' },
  gray: { fill: '#9aa1a9', ink: '#14181c' },
  tan: { fill: '#cfb48a', ink: '#2e2210' },
  yellow: { fill: '#f2d84b', ink: '#2e2600' },
  orange: { fill: '#f08a24', ink: '#2e1500' },
  brown: { fill: '#7a5230', ink: '#fff' },
  white: { fill: '#fafafa', ink: '#222' },
  bottle: { fill: '#5b6b7a', ink: '#fff' },
};

export function capSwatch(capColor: string | null | undefined): CapSwatch {
  const word = (capColor ?? '').trim().toLowerCase();
  const exact = swatches[word];
  if (exact) return { ...exact, known: true };
  // "gold / tiger": the first colour named is the cap, a second one its stripe.
  const parts = word.split(/\s*[/,]\s*|\s+or\s+/).filter(Boolean);
  const first = parts.map((p) => swatches[p]).find(Boolean);
  if (first) {
    const second = parts.slice(1).map((p) => swatches[p]).find(Boolean);
    return { ...first, ...(second && second.fill !== first.fill ? { stripe: second.stripe ?? second.fill } : {}), known: true };
  }
  return { fill: '#e4e7eb', ink: '#333', known: false };
}
