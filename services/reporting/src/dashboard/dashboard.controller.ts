import { DASHBOARD_ASSETS_PATH, Public } from '@naperj/service-kit';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DashboardAsset } from './dashboard-assets';
import { DashboardFiles } from './dashboard-files';
import { DASHBOARD_CONTENT_SECURITY_POLICY } from './dashboard-policy';

/**
 * The operators' dashboard (docs/architecture.md, REST: reporting): a page at `/` and its files under
 * `/dashboard/`, public like any web page. What they show comes from the API, which the page
 * calls with the operator's token.
 */
@Public()
@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(private readonly files: DashboardFiles) {}

  @Get()
  page(@Res() response: Response): void {
    send(response, this.files.page);
  }

  @Get(`${DASHBOARD_ASSETS_PATH}/*path`)
  asset(@Param('path') path: string[], @Res() response: Response): void {
    const name = path.join('/');
    const asset = this.files.get(name);
    if (!asset) throw new NotFoundException(`The dashboard has no file ${name}`);
    send(response, asset);
  }
}

function send(response: Response, { body, contentType, etag }: DashboardAsset): void {
  response.setHeader('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY);
  // Revalidated on every load: file names carry no version, and a 304 costs a round trip only.
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('ETag', etag);
  response.setHeader('Content-Type', contentType);
  // Express answers 304 itself when If-None-Match names this ETag.
  response.send(body);
}
