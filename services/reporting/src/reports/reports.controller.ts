import type { ServiceConfig } from '@naperj/service-kit';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IndicatorsService } from '../indicators/indicators.service';
import { INDICATOR_ROW_EXAMPLE, INDICATOR_ROW_SCHEMA } from '../indicators/indicators.openapi';
import { toCsv } from './csv';
import { SUMMARY_CSV_HEADER, summaryCsvRows, type SummaryReport, summaryReport } from './summary-report';
import { SummaryQuery } from './summary.query';

const SUMMARY_DESCRIPTION = 'Every country × action area of the node and its partners, zeros included. A submission in several action areas counts in each.';

/** The indicators as a report to download, for any authenticated caller of this node. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  private readonly country: ServiceConfig['country'];

  constructor(
    private readonly indicators: IndicatorsService,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  @Get('summary.json')
  @ApiOperation({ summary: 'The summary report as JSON', description: SUMMARY_DESCRIPTION })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        node: { type: 'string' },
        generatedAt: { type: 'string', format: 'date-time' },
        language: { type: 'string', enum: ['en', 'es', 'fr'] },
        rows: { type: 'array', items: { allOf: [INDICATOR_ROW_SCHEMA, { type: 'object', properties: { actionAreaLabel: { type: 'string' } } }] } },
      },
      example: { node: 'mx', generatedAt: '2026-11-29T05:00:00.000Z', language: 'es', rows: [{ ...INDICATOR_ROW_EXAMPLE, actionAreaLabel: 'Educación' }] },
    },
  })
  json(@Query() { lang }: SummaryQuery): Promise<SummaryReport> {
    return this.report(lang);
  }

  @Get('summary.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The summary report as CSV, for spreadsheets',
    description: `${SUMMARY_DESCRIPTION} UTF-8 with a byte order mark, so accents survive; RFC 4180 quoting; CRLF line ends; a partner's status cells are empty (unknown).`,
  })
  @ApiOkResponse({
    description: 'An attachment, named after the node and the day',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example:
          'country,action_area,action_area_label,status_draft,status_submitted,status_changes_requested,status_published,status_rejected,status_withdrawn,published_total,published_practice,published_strategy,published_policy,published_dataset,published_action_area_proposal,published_sdg_targets\r\n' +
          'mx,education,Educación,3,1,0,2,0,1,2,1,0,1,0,0,4.5: 2; 10.2: 1\r\n',
      },
    },
  })
  async csv(@Query() { lang }: SummaryQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.report(lang);
    response.attachment(`naperj-${this.country}-summary-${report.generatedAt.slice(0, 10)}.csv`);
    // attachment() guesses the type from the name; the charset must stay explicit.
    response.type('text/csv; charset=utf-8');
    return toCsv(SUMMARY_CSV_HEADER, summaryCsvRows(report));
  }

  private async report(lang: SummaryQuery['lang']): Promise<SummaryReport> {
    return summaryReport(this.country, await this.indicators.rows(), lang, new Date());
  }
}
