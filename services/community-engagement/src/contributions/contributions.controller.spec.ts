import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ConsultationsController } from '../consultations/consultations.controller';
import { ConsultationsService } from '../consultations/consultations.service';
import { ContributionsController } from './contributions.controller';
import { ContributionsService } from './contributions.service';

type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> };

describe('the moderation API documentation', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ConsultationsController, ContributionsController],
      providers: [
        { provide: ConsultationsService, useValue: {} },
        { provide: ContributionsService, useValue: {} },
      ],
    }).compile();
    document = SwaggerModule.createDocument(moduleRef.createNestApplication(), new DocumentBuilder().build());
  });

  // Hiding a contribution answered an undocumented 428 without If-Match.
  it('documents 412 and 428 wherever a change needs If-Match', () => {
    const changes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>)
        .filter(([, operation]) => operation.parameters?.some(({ name, in: where }) => where === 'header' && name === 'If-Match'))
        .map(([method, operation]) => ({
          operation: `${method.toUpperCase()} ${path}`,
          statuses: ['412', '428'].filter((status) => status in operation.responses),
        })),
    );
    expect(changes.map(({ operation }) => operation)).toEqual(expect.arrayContaining(['POST /contributions/{id}/hide', 'POST /consultations/{id}/close']));
    expect(changes).toEqual(changes.map(({ operation }) => ({ operation, statuses: ['412', '428'] })));
  });
});
