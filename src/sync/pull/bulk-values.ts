/**
 * Bulk API 2.0 returns every value as CSV text. The snapshot holds values as REST returns them,
 * so a record pulled either way is the same: typed by the field's describe type, empty as null,
 * date-times as `2026-11-22T09:30:00.000+0000`.
 */
export function typedRow(
  row: Readonly<Record<string, string>>,
  types: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(row)) {
    const type = types[name] ?? 'string';
    if (text === '') {
      record[name] = type === 'boolean' ? false : null;
      continue;
    }
    switch (type) {
      case 'boolean':
        record[name] = text.toLowerCase() === 'true';
        break;
      case 'double':
      case 'int':
      case 'currency':
      case 'percent':
        record[name] = Number(text);
        break;
      case 'datetime': {
        const date = new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        record[name] = Number.isNaN(date.getTime()) ? text : date.toISOString().replace('Z', '+0000');
        break;
      }
      default:
        record[name] = text;
    }
  }
  return record;
}
