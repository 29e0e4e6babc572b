/** The width to lay text out in: the terminal's columns, 80 when the stream is not a terminal. */
export function terminalWidth(stream: NodeJS.WritableStream): number {
  const columns = (stream as Partial<NodeJS.WriteStream>).columns;
  return typeof columns === 'number' && columns >= 40 ? columns : 80;
}

/**
 * Words to lines of at most `width` characters (a single word longer than that keeps its own
 * line): the first line starts with `first`, the others with `indent`.
 */
export function wrapText(text: string, width: number, first = '', indent = first): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.trim().split(/\s+/)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
