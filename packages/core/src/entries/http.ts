// @rommer/core/http: the HTTP client every source shares (got: retries, resume, User-Agent).
export {
  HttpClient,
  type HttpClientOptions,
  type RequestOptions,
  type TextResponse,
  type HttpResponseInfo,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from '../transport/http-client.js';
export { displayUrl } from '../transport/http-errors.js';
export { filenameFromContentDisposition } from '../transport/content-disposition.js';
export { CookieJar } from 'tough-cookie';
