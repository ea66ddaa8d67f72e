/** A construct the importer cannot turn into a current dashboard; the message names it. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
