// @rommer/core/html: pages and forms read as a browser would (cheerio, postcss), for scraping sources.
export { parseHtmlPage, type HtmlPage, type HtmlLink, type HtmlFormData } from '../transport/html-page.js';
export {
  formControls,
  isSubmitControl,
  visibleSubmitControls,
  controlLabel,
  formSubmission,
  type FormSubmissionOptions,
  type FormSubmission,
} from '../transport/html-form.js';
