// Suggests the closest known word for a misspelt key, enum value or slug ("sd" -> "sdcard").
import { distance } from 'fastest-levenshtein';

export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === wanted) return candidate;
    // A prefix ("sd" for "sdcard") is a strong hint even when the edit distance is large.
    const isPrefix = wanted.length >= 2 && (lower.startsWith(wanted) || wanted.startsWith(lower));
    const score = isPrefix ? 0.5 : distance(wanted, lower);
    const tolerance = Math.max(2, Math.floor(Math.max(wanted.length, lower.length) / 3));
    if ((isPrefix || score <= tolerance) && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : `did you mean ${JSON.stringify(match)}?`;
}
