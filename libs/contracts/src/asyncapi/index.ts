export { type AsyncApiChannel, type AsyncApiDocument, asyncApiDocument, asyncApiJson } from './asyncapi-document';
