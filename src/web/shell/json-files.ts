import type { ChangeEvent } from 'react';

/** Saves `value` as a JSON file through the browser's download (an export button's click). */
export function downloadJson(filename: string, value: unknown, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2) + '\n'], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The file chosen in a file input, read as JSON (the input is cleared so the same file can be
 * chosen again): null when nothing was chosen, `value` undefined when the file is not JSON.
 */
export async function chosenJsonFile(e: ChangeEvent<HTMLInputElement>): Promise<{ name: string; value: unknown } | null> {
  const file = e.target.files?.[0];
  e.target.value = '';
  if (!file) return null;
  try {
    return { name: file.name, value: JSON.parse(await file.text()) as unknown };
  } catch {
    return { name: file.name, value: undefined };
  }
}
