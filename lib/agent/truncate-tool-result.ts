/**
 * Cuts a tool result to `maxChars`, keeping the beginning and saying how much was dropped, so one huge output
 * cannot crowd the conversation out of the context window.
 */
export function truncateToolResult(content: string, maxChars: number): string {
  if (content.length <= maxChars) return content;
  const note = `\n[… truncated: showing the first ${maxChars} of ${content.length} characters …]`;
  return content.slice(0, Math.max(0, maxChars - note.length)) + note;
}
