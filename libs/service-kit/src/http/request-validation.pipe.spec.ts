import { IsString } from 'class-validator';
import { RequestValidationException } from '../errors/request-validation.exception';
import { RequestValidationPipe } from './request-validation.pipe';

class NoteDto {
  @IsString()
  text!: string;
}

describe('RequestValidationPipe', () => {
  const pipe = new RequestValidationPipe();

  it('validates a request body against its DTO, refusing unknown members', async () => {
    await expect(pipe.transform({ text: 'hola', isAdmin: true }, { type: 'body', metatype: NoteDto })).rejects.toThrow(RequestValidationException);
    await expect(pipe.transform({ text: 'hola' }, { type: 'body', metatype: NoteDto })).resolves.toBeInstanceOf(NoteDto);
  });

  // Nest hands an event payload to pipes as a 'body' too.
  it('leaves an event payload as the transport validated it: an instance of its class', async () => {
    const payload = Object.assign(Object.create(NoteDto.prototype) as NoteDto, { text: 'hola' });
    await expect(pipe.transform(payload, { type: 'body', metatype: NoteDto })).resolves.toBe(payload);
  });

  it('leaves a payload whose class a type-only import erased', async () => {
    const payload = { id: 'x', country: 'mx', version: 2 };
    await expect(pipe.transform(payload, { type: 'body', metatype: Function })).resolves.toBe(payload);
  });
});
