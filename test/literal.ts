/** `text` as a regular expression source that matches exactly it (strategy names such as `mean+max`, paths). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
