import { parseRebuildArguments } from './rebuild-arguments';

describe('parseRebuildArguments', () => {
  it('takes the country, a timeout in seconds and --force', () => {
    expect(parseRebuildArguments(['--country', 'mx'])).toEqual({ country: 'mx', force: false, timeoutMs: 1_800_000 });
    expect(parseRebuildArguments(['--country=ca', '--timeout', '90', '--force'])).toEqual({ country: 'ca', force: true, timeoutMs: 90_000 });
  });

  it("leaves the country to the environment's NODE_COUNTRY when omitted", () => {
    expect(parseRebuildArguments([])).toEqual({ force: false, timeoutMs: 1_800_000 });
  });

  it.each([
    [['--country', 'br'], '--country must be one of us, mx, ca (got "br")'],
    [['--timeout', 'soon'], '--timeout must be a whole number of seconds (got "soon")'],
    [['--everything'], "Unknown option '--everything'"],
    [['mx'], 'Unexpected argument'],
  ])('refuses %p, with the usage', (argv, problem) => {
    expect(() => parseRebuildArguments(argv)).toThrow(problem);
    expect(() => parseRebuildArguments(argv)).toThrow('Usage: npm run reporting:rebuild --');
  });
});
