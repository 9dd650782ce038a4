import { csvField, toCsv, toCsvTables } from './csv';

describe('CSV', () => {
  it('leaves plain fields alone and writes null as an empty field', () => {
    expect(csvField('Educación')).toBe('Educación');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });

  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    expect(csvField('4.5: 2; 10.2: 1')).toBe('4.5: 2; 10.2: 1');
    expect(csvField('Acceso, voto')).toBe('"Acceso, voto"');
    expect(csvField('la "justicia"')).toBe('"la ""justicia"""');
    expect(csvField('dos\nlíneas')).toBe('"dos\nlíneas"');
    expect(csvField(' espacio')).toBe('" espacio"');
  });

  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const csv = toCsv(
      ['country', 'label'],
      [
        ['mx', 'Educación'],
        ['ca', 'Éducation, formation'],
      ],
    );
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe('\uFEFFcountry,label\r\nmx,Educación\r\nca,"Éducation, formation"\r\n');
  });
});

describe('CSV tables', () => {
  it('writes one BOM, then each table with its header, an empty line between tables', () => {
    expect(
      toCsvTables([
        { header: ['a'], rows: [[1]] },
        { header: ['section', 'b'], rows: [['x', 'Éducation, formation']] },
      ]),
    ).toBe('\uFEFFa\r\n1\r\n\r\nsection,b\r\nx,"Éducation, formation"\r\n');
  });
});
