import { capSwatch } from './cap-colors.js';

/** A tube drawn with its cap colour; a culture bottle is drawn as a bottle. */
export function TubeIcon({ capColor, bottle }: { capColor: string; bottle?: boolean }) {
  const s = capSwatch(capColor);
  const pattern = `stripe-${s.fill.slice(1)}-${(s.stripe ?? '').slice(1)}`;
  const cap = s.stripe ? `url(#${pattern})` : s.fill;
  return (
    <svg className="tube-icon" viewBox="0 0 40 96" width="32" height="78" aria-hidden="true" focusable="false">
      {s.stripe && (
        <defs>
          <pattern id={pattern} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill={s.fill} />
            <rect width="3" height="8" fill={s.stripe} />
          </pattern>
        </defs>
      )}
      {bottle ? (
        <>
          <rect x="13" y="2" width="14" height="12" rx="2" fill={cap} stroke="#333" strokeWidth="1.2" />
          <path d="M14 14 h12 v8 q10 4 10 14 v52 q0 6 -6 6 h-20 q-6 0 -6 -6 v-52 q0 -10 10 -14 z" fill="#f4f6f8" stroke="#333" strokeWidth="1.2" />
          <rect x="8" y="56" width="24" height="32" rx="2" fill="#d9e2ea" />
        </>
      ) : (
        <>
          <rect x="6" y="2" width="28" height="20" rx="4" fill={cap} stroke="#333" strokeWidth="1.2" />
          <path d="M9 22 h22 v62 a11 11 0 0 1 -22 0 z" fill="#f4f6f8" stroke="#333" strokeWidth="1.2" />
          <path d="M10 56 h20 v28 a10 10 0 0 1 -20 0 z" fill="#b3202a" opacity="0.85" />
        </>
      )}
    </svg>
  );
}
