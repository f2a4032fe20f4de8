/** Up to two letters for an avatar: the first letters of the first and last words of a name ("Grace Hopper" → "GH"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  // Array.from takes whole code points, so a name starting with an emoji or a surrogate pair is not cut in half.
  const first = Array.from(words[0]!)[0] ?? "";
  const last = words.length > 1 ? (Array.from(words.at(-1)!)[0] ?? "") : "";
  return `${first}${last}`.toUpperCase();
}
