import type { ServiceConfig } from '@naperj/service-kit';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IndicatorsService } from '../indicators/indicators.service';
import { INDICATOR_ROW_EXAMPLE, INDICATOR_ROW_SCHEMA } from '../indicators/indicators.openapi';
import { INSIGHT_ROW_EXAMPLE, INSIGHT_ROW_SCHEMA } from '../insight-indicators/insight-indicators.openapi';
import { InsightIndicatorsService } from '../insight-indicators/insight-indicators.service';
import { ERASURE_ROW_EXAMPLE, ERASURE_ROW_SCHEMA, EXCHANGE_ROW_EXAMPLE, EXCHANGE_ROW_SCHEMA } from '../network-indicators/network-indicators.openapi';
import { NetworkIndicatorsService } from '../network-indicators/network-indicators.service';
import { toCsvTables } from './csv';
import { summaryCsvTables, type SummaryReport, summaryReport } from './summary-report';
import { SummaryQuery } from './summary.query';

const SUMMARY_DESCRIPTION =
  'Every country × action area of the node and its partners, zeros included: submissions (a submission in several action areas counts in each), ' +
  'experts per language, community insights; and per country the exchanges and the erasure receipts. The same figures as GET /api/v1/indicators and its sub-resources.';

const LABELLED_LANGUAGES = {
  type: 'array',
  items: { type: 'object', properties: { language: { type: 'string' }, languageLabel: { type: 'string' }, count: { type: 'integer', minimum: 1 } } },
};

/** The indicators as a report to download, for any authenticated caller of this node. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  private readonly country: ServiceConfig['country'];

  constructor(
    private readonly indicators: IndicatorsService,
    private readonly network: NetworkIndicatorsService,
    private readonly insights: InsightIndicatorsService,
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
        experts: {
          type: 'object',
          description: 'As GET /api/v1/indicators/experts (rows per country × action area, and per country), with the names of action areas and languages',
          properties: {
            rows: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  country: { type: 'string' },
                  actionArea: { type: 'string' },
                  actionAreaLabel: { type: 'string' },
                  experts: { type: 'integer' },
                  byLanguage: LABELLED_LANGUAGES,
                },
              },
            },
            countries: {
              type: 'array',
              items: { type: 'object', properties: { country: { type: 'string' }, experts: { type: 'integer' }, byLanguage: LABELLED_LANGUAGES } },
            },
          },
        },
        exchanges: { type: 'array', items: EXCHANGE_ROW_SCHEMA },
        erasures: { type: 'array', items: ERASURE_ROW_SCHEMA },
        insights: { type: 'array', items: { allOf: [INSIGHT_ROW_SCHEMA, { type: 'object', properties: { actionAreaLabel: { type: 'string' } } }] } },
      },
      example: {
        node: 'mx',
        generatedAt: '2026-11-29T05:00:00.000Z',
        language: 'es',
        rows: [{ ...INDICATOR_ROW_EXAMPLE, actionAreaLabel: 'Educación' }],
        experts: {
          rows: [
            {
              country: 'mx',
              actionArea: 'education',
              actionAreaLabel: 'Educación',
              experts: 3,
              byLanguage: [
                { language: 'es', languageLabel: 'español', count: 3 },
                { language: 'nah', languageLabel: 'náhuatl', count: 1 },
              ],
            },
          ],
          countries: [{ country: 'mx', experts: 5, byLanguage: [{ language: 'es', languageLabel: 'español', count: 5 }] }],
        },
        exchanges: [EXCHANGE_ROW_EXAMPLE],
        erasures: [ERASURE_ROW_EXAMPLE],
        insights: [{ ...INSIGHT_ROW_EXAMPLE, actionAreaLabel: 'Equidad en salud' }],
      },
    },
  })
  json(@Query() { lang }: SummaryQuery): Promise<SummaryReport> {
    return this.report(lang);
  }

  @Get('summary.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The summary report as CSV, for spreadsheets',
    description:
      `${SUMMARY_DESCRIPTION} UTF-8 with a byte order mark, so accents survive; RFC 4180 quoting; CRLF line ends. ` +
      "Tables follow one another, each after an empty line with its own header: submissions (a partner's status cells are empty: unknown), " +
      'then experts, exchanges, erasures and insights, whose first column names the section. Medians are in seconds, empty when there is none.',
  })
  @ApiOkResponse({
    description: 'An attachment, named after the node and the day',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example:
          'country,action_area,action_area_label,status_draft,status_submitted,status_changes_requested,status_published,status_rejected,status_withdrawn,published_total,published_practice,published_strategy,published_policy,published_dataset,published_action_area_proposal,published_sdg_targets\r\n' +
          'mx,education,Educación,3,1,0,2,0,1,2,1,0,1,0,0,4.5: 2; 10.2: 1\r\n' +
          '\r\n' +
          'section,country,action_area,action_area_label,language,language_label,experts\r\n' +
          'experts,mx,education,Educación,,,3\r\n' +
          'experts,mx,education,Educación,nah,náhuatl,1\r\n' +
          '\r\n' +
          'section,country,total,open,closed,answered,median_seconds_to_first_answer\r\n' +
          'exchanges,mx,4,3,1,2,15300\r\n',
      },
    },
  })
  async csv(@Query() { lang }: SummaryQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const report = await this.report(lang);
    response.attachment(`naperj-${this.country}-summary-${report.generatedAt.slice(0, 10)}.csv`);
    // attachment() guesses the type from the name; the charset must stay explicit.
    response.type('text/csv; charset=utf-8');
    return toCsvTables(summaryCsvTables(report));
  }

  private async report(lang: SummaryQuery['lang']): Promise<SummaryReport> {
    const [rows, experts, exchanges, erasures, insights] = await Promise.all([
      this.indicators.rows(),
      this.network.experts(),
      this.network.exchanges(),
      this.network.erasures(),
      this.insights.rows(),
    ]);
    return summaryReport(this.country, rows, { experts, exchanges, erasures, insights }, lang, new Date());
  }
}
