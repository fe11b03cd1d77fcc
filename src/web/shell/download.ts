/** Saves `value` as a JSON file through the browser's download (an export button's click). */
export function downloadJson(filename: string, value: unknown, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2) + '\n'], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
