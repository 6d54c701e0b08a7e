// Reading a Markdown table row, for the scripts that check the READMEs (check-translations.js,
// check-packages/readme.js).

/** The cells of one table row; a `|` inside a code span or escaped as `\|` does not split. */
export const tableCells = (line) => {
  const result = [];
  let cell = '';
  let inCode = false;
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    if (char === '\\' && body[index + 1] === '|') {
      cell += '|';
      index += 1;
    } else if (char === '`') {
      inCode = !inCode;
      cell += char;
    } else if (char === '|' && !inCode) {
      result.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  result.push(cell.trim());
  return result;
};
